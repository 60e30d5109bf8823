import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { Money, ShopConsentState, ShopCustomerState, ShopFinancialStatus, ShopFulfillmentStatus } from '../generated/resolvers.ts';

/** Shopify's decimal string passed through as-is: never parsed into a float. */
export const money = (amount: string, currencyCode: string): Money => ({ amount, currencyCode });

/**
 * Shopify's lower-case enum values to ours. A value Shopify adds later fails only the field
 * that reads it, with a coded error naming the system, rather than the whole response.
 */
function toEnum<T extends string>(allowed: readonly T[], field: string) {
  return (value: string): T => {
    const upper = value.toUpperCase();
    if ((allowed as readonly string[]).includes(upper)) return upper as T;
    throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${SYSTEM}: unknown ${field} "${value}"`, { system: SYSTEM });
  };
}

export const customerState = toEnum<ShopCustomerState>(['DISABLED', 'INVITED', 'ENABLED', 'DECLINED'], 'customer state');
export const consentState = toEnum<ShopConsentState>(['SUBSCRIBED', 'NOT_SUBSCRIBED', 'PENDING', 'UNSUBSCRIBED', 'REDACTED', 'INVALID'], 'consent state');
export const financialStatus = toEnum<ShopFinancialStatus>(['PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'], 'financial status');
const fulfillment = toEnum<ShopFulfillmentStatus>(['UNFULFILLED', 'PARTIAL', 'FULFILLED', 'RESTOCKED'], 'fulfillment status');
/** Shopify REST reports an unfulfilled order as `fulfillment_status: null`. */
export const fulfillmentStatus = (value: string | null): ShopFulfillmentStatus => (value === null ? 'UNFULFILLED' : fulfillment(value));
