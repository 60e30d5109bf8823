import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rootDir } from '../lib/registry.ts';
import { GENERATED_BEGIN } from '../scripts/compose.ts';

/**
 * The integrator trial (issue 9): in a copy of the repository, scaffold a system, add an event
 * kind in the one vocabulary file, compose, codegen, type-check the new folders and run the new
 * system's component test; then `git status` may show nothing but the new folders, the registry
 * entry, the vocabulary file and generated artefacts (the supergraph, generated types and the
 * journey's generated block).
 */
const NAME = 'zz-integrator-trial';
const KIND = 'ZZ_TRIAL_POINTS';
const dir = mkdtempSync(join(tmpdir(), 'omnigraph-trial-'));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
const git = (...args: string[]) => run('git', ['-c', 'user.name=trial', '-c', 'user.email=trial@localhost', ...args]);

/** Files written by compose and codegen (checked by compose:check and codegen:check). */
const generated = (path: string) =>
  path === 'schema/supergraph.graphql' || path === 'schema/supergraph-api.graphql' || path.startsWith('schema/generated/') || /^subgraphs\/[^/]+\/src\/generated\//.test(path);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('integrator trial', () => {
  it('a scaffolded system with a new event kind composes, generates, type-checks and passes its tests, touching nothing else', () => {
    // A copy of the checkout (tracked and new files, as a clean clone would have them) with the installed modules.
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: rootDir, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(rootDir, file)) || file === 'node_modules') continue;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(rootDir, file), join(dir, file));
    }
    symlinkSync(join(rootDir, 'node_modules'), join(dir, 'node_modules'));
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'checkout');
    const journeyBefore = readFileSync(join(dir, 'subgraphs/journey/schema.graphql'), 'utf8');

    // 1. Scaffold.
    run('npx', ['tsx', 'scripts/new-system/cli.ts', NAME]);
    // 2. One event kind, in one file.
    const vocabulary = join(dir, 'schema/vocabulary.graphql');
    const text = readFileSync(vocabulary, 'utf8');
    writeFileSync(vocabulary, text.replace('enum TimelineEventKind {\n', `enum TimelineEventKind {\n  """Points earned in the trial system."""\n  ${KIND}\n`));
    // 3. Compose and codegen.
    run('npx', ['tsx', 'scripts/compose.ts']);
    run('npx', ['graphql-codegen', '--config', 'codegen.ts']);
    expect(readFileSync(join(dir, 'schema/supergraph-api.graphql'), 'utf8')).toContain(KIND);
    expect(readFileSync(join(dir, 'subgraphs/journey/schema.graphql'), 'utf8')).toContain('zzIntegratorTrialTimeline: [TimelineEvent!] @external');
    // 4. The new folders type-check (with everything they import), and the new system's tests pass.
    writeFileSync(join(dir, 'tsconfig.trial.json'), JSON.stringify({ extends: './tsconfig.json', include: [`subgraphs/${NAME}`, `systems/${NAME}`] }));
    run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.trial.json']);
    rmSync(join(dir, 'tsconfig.trial.json'));
    const tests = run('npx', ['vitest', 'run', `subgraphs/${NAME}`]);
    // (vitest exits non-zero, and so throws here, when a test fails.)
    expect(tests.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+\d+ passed/);

    // 5. Nothing else changed.
    const changed = git('status', '--porcelain', '--untracked-files=normal')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    const unexpected = changed.filter(
      (path) =>
        !generated(path) &&
        path !== `subgraphs/${NAME}/` &&
        path !== `systems/${NAME}/` &&
        path !== 'subgraphs/registry.json' &&
        path !== 'schema/vocabulary.graphql' &&
        path !== 'subgraphs/journey/schema.graphql',
    );
    expect(unexpected).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining([`subgraphs/${NAME}/`, `systems/${NAME}/`, 'subgraphs/registry.json', 'schema/vocabulary.graphql']));
    // The journey's schema changed only in its generated block.
    const journeyAfter = readFileSync(join(dir, 'subgraphs/journey/schema.graphql'), 'utf8');
    expect(journeyAfter.slice(0, journeyAfter.indexOf(GENERATED_BEGIN))).toBe(journeyBefore.slice(0, journeyBefore.indexOf(GENERATED_BEGIN)));
    // The registry gained exactly one line.
    expect(git('diff', '--numstat', 'subgraphs/registry.json').trim()).toMatch(/^2\t1\t/);
  }, 600_000);
});
