import { startStack } from '../scripts/stack.ts';
import { ensureDataset } from '../systems/generate/ensure.ts';
import { HOSTILE_TABLE } from '../test/helpers/hostile.ts';

/**
 * `npx tsx bench/hostile.ts [--people N] [--gateway-port N]`: issue 8's table of hostile inputs, re-run against the
 * whole product (every process real, port 0, 127.0.0.1): for each input the HTTP status, the
 * error code, the time to the answer and the gateway's RSS before and after (its own
 * prom-client `process_resident_memory_bytes`), then whether the gateway still answers.
 * Prints a Markdown table. Each input runs twice: the first time (cold: nothing cached) and
 * again (the verdict cache). Stops the processes it started.
 */
const peopleArg = process.argv.indexOf('--people');
const people = peopleArg > 0 ? Number(process.argv[peopleArg + 1]) : 600;
// `--gateway-port N`: the gateway on a fixed port (the other processes keep port 0).
const portArg = process.argv.indexOf('--gateway-port');
const gatewayPort = portArg > 0 ? Number(process.argv[portArg + 1]) : undefined;

const dataDir = await ensureDataset(`.data/hostile-${people}`, { seed: 7, people });
const stack = await startStack({
  dataDir,
  ports: 'ephemeral',
  ...(gatewayPort ? { gatewayPort } : {}),
  env: { identity: { IDENTITY_DB_DIR: 'memory://', DATABASE_URL: '' }, gateway: { LOG_LEVEL: 'warn' } },
});
const metricsUrl = new URL('/metrics', stack.gatewayUrl).toString();
const healthUrl = new URL('/health', stack.gatewayUrl).toString();
const rssMb = async () => {
  const text = await (await fetch(metricsUrl)).text();
  const match = /^process_resident_memory_bytes (\d+)/m.exec(text);
  return match?.[1] ? Math.round(Number(match[1]) / 1024 / 1024) : NaN;
};

try {
  // Warm the gateway's JIT on an ordinary operation first, as a running gateway would be.
  for (let i = 0; i < 20; i++) await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  const rows: string[] = [];
  for (const input of HOSTILE_TABLE) {
    for (const round of ['cold', 'cached'] as const) {
      const before = await rssMb();
      const started = performance.now();
      const answer = await input.run(stack.gatewayUrl);
      const ms = performance.now() - started;
      const after = await rssMb();
      const up = (await fetch(healthUrl).then((r) => r.status).catch(() => 0)) === 200;
      const as = answer.status === input.expect.status && answer.code === input.expect.code ? '' : ` (expected ${input.expect.status} ${input.expect.code})`;
      rows.push(`| ${input.name} | ${round} | ${answer.status} | ${answer.code}${as} | ${ms.toFixed(1)} | ${before} → ${after} | ${up ? 'yes' : 'NO'} |`);
    }
  }
  console.log(`\nHostile inputs against the gateway (${people} people; node ${process.version}; ${new Date().toISOString()})\n`);
  console.log('| input | run | HTTP | code | ms | gateway RSS MB before → after | gateway up |');
  console.log('| --- | --- | --: | --- | --: | --: | --- |');
  for (const row of rows) console.log(row);
} finally {
  await stack.stop();
}
