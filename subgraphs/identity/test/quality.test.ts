import { beforeAll, describe, expect, it } from 'vitest';
import { NOISE_CLASSES } from '../../../systems/generate/noise/classes.ts';
import { evaluateProfile, formatReports, type DatasetReport } from '../src/evaluation/index.ts';

/**
 * Identity quality on the generator's hard profile (systems/generate/noise), through the real
 * path: stand-ins, channel subgraphs, the hub's start-up backfill on an in-memory PGlite.
 * 1,500 people, two seeds. What issue 7 asks: no class of noise may cost precision, and shared
 * company, store and junk values never join two people.
 *
 * The shared-value rule runs in every `npm test`. The two targets run only with
 * `IDENTITY_QUALITY=1 npx vitest run subgraphs/identity/test/quality.test.ts`: at 3,000 people the
 * hard profile gives precision 0.999 / 1.000 and recall 0.903 / 0.903 of the pairs with usable
 * evidence, but per class family phones 0.960 / 0.981 and common names 0.989 / 1.000 (household
 * members the data cannot tell apart: a nameless walk-in on a relative's number, two Hùng Nguyễn
 * of one family on one phone), so the per-class target still fails there.
 */
const targets = it.skipIf(!process.env.IDENTITY_QUALITY);
const PEOPLE = Number(process.env.IDENTITY_QUALITY_PEOPLE ?? 1500);
const SEEDS = [42, 7];

describe('identity quality on the hard profile', { timeout: 900_000 }, () => {
  const reports: DatasetReport[] = [];

  beforeAll(async () => {
    for (const seed of SEEDS) reports.push(await evaluateProfile({ profile: 'hard', seed, people: PEOPLE }));
    console.log(formatReports(reports));
  }, 1_800_000);

  targets('keeps precision at 0.999 or more for every noise class', () => {
    const below: string[] = [];
    for (const r of reports) {
      for (const c of NOISE_CLASSES) {
        const s = r.classes[c.id];
        if (s && s.precision < 0.999) below.push(`seed ${r.seed} ${c.id}: ${s.precision.toFixed(4)} (${s.predictedPairs - s.correctPairs} wrong of ${s.predictedPairs})`);
      }
    }
    expect(below).toEqual([]);
  });

  it('never merges two people through a company role address, the store or shop own contact values, or a placeholder', () => {
    for (const r of reports) {
      expect({ seed: r.seed, merged: r.negatives['company-email'].mergedPairs, examples: r.negatives['company-email'].examples }).toEqual({ seed: r.seed, merged: 0, examples: [] });
      expect({ seed: r.seed, merged: r.negatives.store.mergedPairs, examples: r.negatives.store.examples }).toEqual({ seed: r.seed, merged: 0, examples: [] });
      expect({ seed: r.seed, merged: r.negatives.junk.mergedPairs, examples: r.negatives.junk.examples }).toEqual({ seed: r.seed, merged: 0, examples: [] });
    }
  });

  targets('keeps overall precision at 0.999 and finds 0.90 of the pairs with usable evidence', () => {
    for (const r of reports) {
      expect(r.all.precision, `seed ${r.seed}`).toBeGreaterThanOrEqual(0.999);
      expect(r.withEvidence.recall, `seed ${r.seed}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
