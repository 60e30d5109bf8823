import { defineConfig } from 'vitest/config';

/**
 * Three tiers (as Hive Gateway's vitest projects): unit tests next to the code, component
 * tests of each subgraph against its stand-in system on port 0, and end-to-end tests
 * through the gateway with every process real.
 */
/**
 * Every process verifies internal calls with INTERNAL_SIGNING_KEY (lib/authorization); tests use
 * this development key (test/helpers/component.ts signs direct subgraph calls with it).
 */
const env = { INTERNAL_SIGNING_KEY: 'dev-test-internal-signing-key-0123456789abcdef' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'systems/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'gateway/**/*.test.ts'],
          // The scaffold's template holds a test for the system it writes; it runs there, not here.
          exclude: ['**/node_modules/**', 'scripts/new-system/template/**'],
          // Ceilings, not speed checks: a 2-core CI machine runs these files side by side.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: { name: 'component', env, include: ['subgraphs/*/test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: 'e2e',
          env,
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One stack of processes per file; files run one after another on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
