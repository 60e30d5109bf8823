import { ErrorCode } from '../../../../lib/errors.ts';
import type { VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { GraphErrorBody } from '../mappers.ts';

type Headers = Record<string, string | string[] | undefined>;

/** Graph throttling codes: app (4), user (17), page (32), per-API (613), business use case (80000–80014). */
export function isThrottleCode(code: number | undefined): boolean {
  return code === 4 || code === 17 || code === 32 || code === 613 || (code !== undefined && code >= 80000 && code <= 80014);
}

/**
 * Reads Graph's error envelope. Meta throttles with HTTP 400/403 and a code, never 429,
 * and says how long to wait only in `X-Business-Use-Case-Usage`
 * (`estimated_time_to_regain_access`, minutes), so the code decides, not the status.
 */
export function mapGraphError(status: number, body: unknown, headers: Headers = {}): VendorErrorMapping {
  const error = (body as GraphErrorBody | null)?.error;
  const code = error?.code;
  const message = error?.message ?? `HTTP ${status}`;
  if (isThrottleCode(code) || status === 429) {
    const retryAfterSeconds = regainAccessSeconds(headers);
    return { code: ErrorCode.UPSTREAM_RATE_LIMITED, message: `throttled (code ${code ?? status})`, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  if (status >= 500 || code === 1 || code === 2 || error?.is_transient === true) {
    return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `unavailable (HTTP ${status}): ${message}` };
  }
  // Our token, not the caller's input: an operator problem, reported without details.
  if (code === 190 || code === 102 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return { code: ErrorCode.UPSTREAM_ERROR, message: `rejected the page access token or permission (code ${code})` };
  }
  if ((code === 100 && error?.error_subcode === 33) || status === 404) return { code: ErrorCode.NOT_FOUND, message };
  if (code === 100) return { code: ErrorCode.BAD_USER_INPUT, message };
  return { code: ErrorCode.UPSTREAM_ERROR, message: `HTTP ${status}: ${message}` };
}

/** The largest `estimated_time_to_regain_access` (minutes) in the usage headers, in seconds; undefined when none is given. */
export function regainAccessSeconds(headers: Headers): number | undefined {
  const raw = headers['x-business-use-case-usage'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  try {
    const usage = JSON.parse(value) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Math.max(0, ...Object.values(usage).flat().map((u) => u.estimated_time_to_regain_access ?? 0));
    return minutes > 0 ? minutes * 60 : undefined;
  } catch {
    return undefined;
  }
}
