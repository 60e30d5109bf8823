import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionEvent } from '../scripts/supervise.ts';
import { startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * `npm start`'s supervision on a real stack: a subgraph killed from outside is reported (signal,
 * last log lines), the gateway's /health/ready names it while it is down, and it comes back on
 * the same port with a new pid, answering through the gateway again.
 */
let stack: TestStack;
const events: SupervisionEvent[] = [];

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const readiness = async () => {
  const res = await fetch(new URL('/health/ready', stack.gatewayUrl));
  return { status: res.status, body: (await res.json()) as { status: string; subgraphs: Record<string, string> } };
};

beforeAll(async () => {
  // A long first delay so the test sees the gateway report the subgraph down before it is back.
  // pos logs at info (tests are silent by default) so the exit report has its last lines.
  stack = await startTestStack({ env: { pos: { LOG_LEVEL: 'info' } }, supervise: { baseDelayMs: 1_500 }, onSupervision: (e) => events.push(e) });
}, 360_000); // a whole stack on a shared 2-core machine

afterAll(async () => {
  await stack?.stop();
});

describe('supervision', () => {
  it('restarts a killed subgraph on its port with backoff, says why, and the gateway tells which part is down meanwhile', async () => {
    const before = stack.processes().pos!;
    expect(before.state).toBe('ready');
    expect((await readiness()).status).toBe(200);

    process.kill(before.pid!, 'SIGKILL');

    const down = await eventually(readiness, (r) => r.body.subgraphs.pos !== 'ok', 10_000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', subgraphs: { pos: 'unreachable', identity: 'ok' } });

    // The gateway can find pos unreachable before the supervisor has seen the child exit (its pipes close first).
    const exit = await eventually(async () => events.find((e) => e.type === 'exit' && e.name === 'pos'), (e) => e !== undefined, 10_000);
    expect(exit).toMatchObject({ type: 'exit', name: 'pos', pid: before.pid, signal: 'SIGKILL', code: null, restartInMs: 1_500, crashesInARow: 1 });
    expect(exit!.type === 'exit' && exit!.lastLines.some((line) => line.includes('"service":"subgraph-pos"'))).toBe(true);

    await eventually(async () => stack.processes().pos!, (p) => p.state === 'ready' && p.restarts === 1);
    const after = stack.processes().pos!;
    expect(after.pid).not.toBe(before.pid);
    expect(after.url).toBe(before.url);
    expect(events.some((e) => e.type === 'restarted' && e.name === 'pos' && e.pid === after.pid)).toBe(true);

    expect(await readiness()).toMatchObject({ status: 200, body: { status: 'ready' } });
    // Answers through the gateway again (store data comes from pos).
    const stores = await stack.query<{ stores: { id: string }[] }>('{ stores { id } }');
    expect(stores.errors).toBeUndefined();
    expect(stores.data!.stores.length).toBeGreaterThan(0);
  }, 120_000);
});
