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

// The fixture children listen on nothing: PORT is only the label of the URL they announce.
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

  it('after a restart of a process named by restartDependentsOf, restarts (once, not as a crash) those given its address, and no one else', async () => {
    const events: SupervisionEvent[] = [];
    const group = new ProcessGroup({ supervise: { baseDelayMs: 20, restartDependentsOf: (name) => name.startsWith('system-') }, onSupervision: (e) => events.push(e) });
    groups.push(group);
    await group.start('system-a', 'test/fixtures/steady-child.ts', { PORT: '45997' });
    await group.start('a', 'test/fixtures/steady-child.ts', { PORT: '45996', UPSTREAM_URL: 'http://127.0.0.1:45997' });
    await group.start('other', 'test/fixtures/steady-child.ts', { PORT: '45995', UPSTREAM_URL: 'http://127.0.0.1:459970' });
    const before = group.status();
    process.kill(before['system-a']!.pid!, 'SIGKILL');
    await until(() => group.status().a!.restarts === 1 && group.status().a!.state === 'ready');
    const after = group.status();
    expect(after['system-a']).toMatchObject({ state: 'ready', restarts: 1 });
    expect(after.a!.pid).not.toBe(before.a!.pid);
    expect(after.other).toMatchObject({ pid: before.other!.pid, restarts: 0 });
    expect(events.map((e) => [e.type, e.name])).toEqual([
      ['exit', 'system-a'],
      ['restarted', 'system-a'],
      ['restarting-dependent', 'a'],
      ['restarted', 'a'],
    ]);
  });
});
