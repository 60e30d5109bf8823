import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { createLogger } from '../../lib/logger.ts';
import { referenceModel, renderReferenceDocs } from './reference-docs.ts';
import { loadExampleOperations } from './example-operations.ts';
import { rootDir } from '../../lib/registry.ts';

/** The explorer page's GraphiQL props (the JSON object the page renders GraphiQL with). */
function explorerProps(page: string): { defaultTabs: { query: string; variables?: string; headers?: string }[]; query?: string } {
  const json = /Object\.assign\(\{ fetcher \}, (\{.*\})\)\),/.exec(page)?.[1];
  if (!json) throw new Error('no GraphiQL props in the explorer page');
  return JSON.parse(json) as ReturnType<typeof explorerProps>;
}

/** One field's entry of the docs page (up to the next field or the end of its type). */
const entry = (html: string, id: string) => {
  const start = html.indexOf(`<li class="field" id="${id}"`);
  if (start < 0) return '';
  const next = html.slice(start + 1).search(/<li class="field"|<\/section>/);
  return html.slice(start, next < 0 ? undefined : start + 1 + next);
};

describe('reference docs at /docs and the explorer tabs', () => {
  let gateway: RunningGateway;
  let origin: string;
  beforeAll(async () => {
    // No subgraph is called: the docs and the explorer come from the supergraph and schema/operations.
    gateway = await startGateway(loadGatewayConfig({ ...process.env, PORT: '0' }), createLogger('docs-test', 'error'));
    origin = new URL(gateway.url).origin;
  });
  afterAll(async () => gateway?.close());

  it('serves every type and field with its subgraph, system, PII mark and roles, with nothing from elsewhere', async () => {
    const res = await fetch(`${origin}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(url!.startsWith('/') || url!.startsWith('#'), url).toBe(true);
    // A PII field: its mark and the subgraph (and system) answering it.
    const email = entry(html, 'CrmContact.email');
    expect(email).toContain('PII: email');
    expect(email).toContain('data-subgraph="crm"');
    expect(email).toContain('system <span class="system">crm</span>: the CRM (HubSpot');
    // A field behind a role, and one an aggregate answers after reading other subgraphs' fields.
    expect(entry(html, 'Customer.auditTrail')).toContain('roles: steward');
    const journey = entry(html, 'Customer.journey');
    expect(journey).toContain('data-subgraph="journey"');
    expect(journey).toContain('<code>crmTimeline</code>');
    // Customer.links is answered by identity only: the channels merely mark it @external.
    expect(entry(html, 'Customer.links').match(/data-subgraph="(\w+)"/g)).toEqual(['data-subgraph="identity"']);
    // Every example operation is listed with its link.
    for (const op of loadExampleOperations()) expect(html).toContain(`href="/?operation=${op.name}"`);
  });

  it("opens an example's link in the explorer with that document in the active tab, under a role that may run it", async () => {
    const page = await (await fetch(`${origin}/?operation=MarkPickupReady`, { headers: { accept: 'text/html' } })).text();
    const props = explorerProps(page);
    const document = readFileSync(`${rootDir}schema/operations/MarkPickupReady.graphql`, 'utf8').trim() + '\n';
    expect(props.query).toBe(document);
    expect(props.defaultTabs[0]!.query).toBe(document);
    expect(JSON.parse(props.defaultTabs[0]!.headers!)['x-omnigraph-roles']).toBe('associate');
    expect(JSON.parse(props.defaultTabs[0]!.variables!)).toEqual({ posOrderId: '', idempotencyKey: '' });
    // The plain explorer: the first query, then every example operation, each in its own tab.
    const plain = explorerProps(await (await fetch(`${origin}/`, { headers: { accept: 'text/html' } })).text());
    expect(plain.query).toBeUndefined();
    expect(plain.defaultTabs).toHaveLength(1 + loadExampleOperations().length);
  });

  it('escapes what it renders', () => {
    const sdl = `
      enum join__Graph { A @join__graph(name: "a", url: "http://a") }
      type Query @join__type(graph: A) {
        """<script>alert(1)</script> & more"""
        thing(arg: String = "<b>"): String @pii(kind: "name")
        gone: String @join__field(graph: A, external: true)
      }`;
    const model = referenceModel(sdl, [{ subgraph: 'a', system: null, about: '<i>' }]);
    expect(model.types[0]!.fields.find((f) => f.name === 'gone')!.answeredBy).toEqual([]);
    const html = renderReferenceDocs(model, [{ name: 'X', kind: 'query', file: 'x', description: '"quoted"', document: 'query X { a(b: "</pre>") }', variables: {}, rootFields: [] }]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).toContain('&lt;/pre&gt;');
    expect(html).toContain('&lt;i&gt;');
  });
});
