import { defineConfig } from 'vitest/config';

/**
 * Three tiers (as Hive Gateway's vitest projects): unit tests next to the code, component
 * tests of each subgraph against its stand-in system on port 0, and end-to-end tests
 * through the gateway with every process real.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'systems/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'gateway/**/*.test.ts'],
          // Ceilings, not speed checks: a 2-core CI machine runs these files side by side.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: { name: 'component', include: ['subgraphs/*/test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: 'e2e',
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
