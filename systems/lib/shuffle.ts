/**
 * Vendors return batch results in any order; so do the stand-ins, so connectors cannot come to
 * rely on request order (they re-key every batch: lib/batch.ts).
 */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
