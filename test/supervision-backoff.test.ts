import { afterEach, describe, expect, it } from 'vitest';
import { ProcessGroup, type SupervisionEvent } from '../scripts/supervise.ts';

const groups: ProcessGroup[] = [];
afterEach(async () => {
  for (const g of groups.splice(0)) await g.stop();
});

async function until(check: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ProcessGroup supervision', () => {
  it('restarts a crashing process on its port with doubling delays, reports code and last lines, and gives up after maxRestarts in a row', async () => {
    const events: SupervisionEvent[] = [];
    const group = new ProcessGroup({ supervise: { baseDelayMs: 20, maxRestarts: 3 }, onSupervision: (e) => events.push(e) });
    groups.push(group);
    await group.start('crasher', 'test/fixtures/crashing-child.ts', { PORT: '45999' });
    await until(() => events.some((e) => e.type === 'gave-up'));
    const exits = events.filter((e): e is Extract<SupervisionEvent, { type: 'exit' }> => e.type === 'exit');
    expect(exits.map((e) => [e.code, e.restartInMs, e.crashesInARow])).toEqual([
      [3, 20, 1],
      [3, 40, 2],
      [3, 80, 3],
      [3, null, 4],
    ]);
    expect(exits[0]!.lastLines).toEqual(['crashing-child on port 45999: about to fail']);
    expect(events.filter((e) => e.type === 'restarted').map((e) => e.type === 'restarted' && e.url)).toEqual(['http://127.0.0.1:45999/', 'http://127.0.0.1:45999/', 'http://127.0.0.1:45999/']);
    expect(group.status().crasher).toMatchObject({ state: 'down', restarts: 3 });
  });

  it('without supervision only reports the crash, and stop() ends everything without a restart', async () => {
    const events: SupervisionEvent[] = [];
    const group = new ProcessGroup({ onSupervision: (e) => events.push(e) });
    groups.push(group);
    await group.start('crasher', 'test/fixtures/crashing-child.ts', {});
    await until(() => events.length > 0);
    expect(events).toEqual([expect.objectContaining({ type: 'exit', code: 3, restartInMs: null })]);
    expect(group.status().crasher!.state).toBe('down');
  });
});
