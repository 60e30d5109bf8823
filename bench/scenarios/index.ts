import { omnigraphScenario } from './omnigraph.ts';
import { publicScenario } from './public.ts';
import type { Scenario } from './types.ts';

/** Scenarios in run order; add a file under bench/scenarios/ and list it here. */
export const SCENARIOS: Scenario[] = [publicScenario, omnigraphScenario];
