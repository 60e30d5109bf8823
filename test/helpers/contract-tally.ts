import { it } from 'vitest';

/**
 * The SDK contract tests' count (issue 10): each `call` is one test, one vendor call through the
 * vendor's own SDK or wire shape; `report()` prints "<label>: behaved / tried calls behave as
 * <vendor> does" with the failures, so every vendor's figure is measured and printed the same way.
 */
export function contractTally(label: string, vendor: string) {
  const results: { call: string; ok: boolean; error?: string }[] = [];
  return {
    call(name: string, run: () => Promise<void>): void {
      it(name, async () => {
        try {
          await run();
          results.push({ call: name, ok: true });
        } catch (error) {
          results.push({ call: name, ok: false, error: (error as Error).message.slice(0, 200) });
          throw error;
        }
      });
    },
    report(): void {
      const passed = results.filter((r) => r.ok).length;
      console.log(`${label}: ${passed} / ${results.length} calls behave as ${vendor} does${results.filter((r) => !r.ok).map((r) => `\n  FAIL ${r.call}: ${r.error}`).join('')}`);
    },
  };
}
