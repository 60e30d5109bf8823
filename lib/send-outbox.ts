import { LRUCache } from 'lru-cache';
import { ErrorCode } from './errors.ts';

/**
 * Retry safety for a vendor send API that takes no idempotency key (Meta's Send API, Zalo's
 * customer-service messages): an outbox keyed by our idempotency key (this process's, bounded,
 * oldest dropped).
 * - a send that succeeded answers every retry with its first result, without sending again;
 * - a send the vendor refused (bad recipient, no permission) is forgotten, and the retry sends;
 * - a send whose outcome is unknown (timed out, connection lost, 5xx: the vendor may have delivered
 *   it) is kept "in doubt" with its start time; the retry gets that time, so it can look for the
 *   message in the person's thread before sending a second copy.
 * A retry reaching another replica or a restarted process does not see this outbox and sends;
 * callers that must never send twice (the flows subgraph) keep their own record of the step.
 */
type Entry<T> = { state: 'sending' | 'sent'; result: Promise<T> } | { state: 'in-doubt'; startedAt: number };

/** Failures after which the vendor may still have delivered the message. */
const AMBIGUOUS = new Set<string>([ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.UPSTREAM_UNAVAILABLE]);

export class SendOutbox<T> {
  private readonly entries: LRUCache<string, Entry<T>>;

  constructor(max = 10_000) {
    this.entries = new LRUCache({ max });
  }

  /**
   * The first result for `key`, or a new attempt. `send(inDoubtSince)` gets the start time of an
   * earlier attempt whose outcome is unknown (null when there was none).
   */
  send(key: string, send: (inDoubtSince: number | null) => Promise<T>): Promise<T> {
    const previous = this.entries.peek(key);
    if (previous && previous.state !== 'in-doubt') return previous.result;
    const inDoubtSince = previous?.state === 'in-doubt' ? previous.startedAt : null;
    const startedAt = Date.now();
    const attempt = send(inDoubtSince);
    this.entries.set(key, { state: 'sending', result: attempt });
    attempt.then(
      () => this.entries.set(key, { state: 'sent', result: attempt }),
      (error: unknown) => {
        const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
        if (typeof code === 'string' && AMBIGUOUS.has(code)) this.entries.set(key, { state: 'in-doubt', startedAt: inDoubtSince ?? startedAt });
        else this.entries.delete(key);
      },
    );
    return attempt;
  }
}
