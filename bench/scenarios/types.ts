/**
 * The extension point of `npm run bench`. A scenario starts the upstreams (subgraphs and
 * whatever sits behind them), names the supergraph the gateways must serve, lists the
 * operations to measure and how to check an answer, and stops what it started. The harness
 * starts each gateway under test against it, verifies every operation once per gateway,
 * then drives interleaved rounds of load.
 */
export type GatewayId = 'omnigraph' | 'omnigraph-unguarded' | 'apollo' | 'hive' | 'monolith';

export interface Operation {
  name: string;
  /** The POST body, as sent: `{ query, operationName?, variables? }`. */
  body: { query: string; operationName?: string; variables?: Record<string, unknown> };
  /** Returns why the parsed response is wrong, or undefined when it is right. */
  verify(response: unknown): string | undefined;
}

export interface ScenarioContext {
  /** Where a scenario may write scratch files (gitignored). */
  scratchDir: string;
  /** `--full`: a scenario may use a larger data set or more operations. */
  full: boolean;
  log(message: string): void;
}

export interface Upstreams {
  /** Path of the supergraph the gateways read, with the subgraphs' real URLs in it. */
  supergraphPath: string;
  /** Subgraph name (as in the supergraph) -> URL, for `SUBGRAPH_<NAME>_URL` of Omnigraph's gateway. */
  subgraphUrls: Record<string, string>;
  /** Extra environment for Omnigraph's gateway in this scenario. */
  omnigraphEnv?: Record<string, string>;
  /** The no-federation floor (D), when the scenario has one: an entry to fork with PORT. */
  monolithEntry?: string;
  /** Calls served so far by each upstream system; the harness reads it before and after each round. */
  upstreamCalls?(): Promise<Record<string, number>>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Which gateways this scenario measures (the monolith only exists for the public scenario). */
  gateways: GatewayId[];
  /** Why the scenario cannot run here (missing pieces); undefined when it can. */
  unavailable?(): Promise<string | undefined>;
  setup(ctx: ScenarioContext): Promise<Upstreams>;
  /** Read after unavailable() and setup(), so a scenario may drop or parameterise operations. */
  operations: Operation[];
  /** Remarks for the report (e.g. operations not measured and why). */
  notes?: string[];
  teardown(): Promise<void>;
}
