import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { sendJson } from '../../../lib/http-graphql.ts';
import { headerOf, receiveWebhook, refuseWebhook, sameSignature, zaloSignature } from '../../../lib/webhooks.ts';

export const WEBHOOK_PATH = '/webhooks/zalo';
/** Users remembered as recently active (the identity feed's `since` read). */
const MAX_ACTIVE = 100_000;

/**
 * Who wrote to or followed the OA lately, by webhook: Zalo's user list has no updated-since
 * filter, so the identity feed's incremental read asks this. Bounded, in memory; the chats
 * themselves are read from Zalo's conversation API, not kept here.
 */
export class ZaloActivity {
  private readonly lastAt = new LRUCache<string, number>({ max: MAX_ACTIVE });

  touch(userId: string, at: number): void {
    this.lastAt.set(userId, at);
  }

  since(at: number): string[] {
    // Least recently active first, as they were touched.
    return [...this.lastAt.rkeys()].filter((id) => (this.lastAt.peek(id) ?? 0) >= at);
  }
}

/**
 * `POST /webhooks/zalo`: Zalo's OA webhook. `X-ZEvent-Signature` must be `mac=` the hex SHA-256
 * of app id + raw body + the body's `timestamp` + the OA secret key (401, nothing recorded,
 * otherwise), and the body's `app_id` must be ours.
 */
export function zaloWebhookRoute(appId: string, secretKey: string, activity: ZaloActivity) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const received = await receiveWebhook(req, res, [WEBHOOK_PATH]);
    if (received === null) return false;
    if (received === 'answered') return true;
    let body: { app_id?: string; event_name?: string; timestamp?: string; sender?: { id?: string }; follower?: { id?: string } };
    try {
      body = JSON.parse(received.raw) as typeof body;
    } catch {
      refuseWebhook(res, 400, 'WEBHOOK_BODY_INVALID', 'the body is not JSON');
      return true;
    }
    const given = /^mac=([0-9a-f]{64})$/i.exec(headerOf(req, 'x-zevent-signature') ?? '')?.[1]?.toLowerCase();
    if (body.app_id !== appId || !sameSignature(zaloSignature(appId, received.raw, String(body.timestamp ?? ''), secretKey), given)) {
      refuseWebhook(res, 401, 'WEBHOOK_SIGNATURE_INVALID', 'X-ZEvent-Signature does not match the body');
      return true;
    }
    const userId = body.event_name === 'follow' ? body.follower?.id : body.sender?.id;
    const at = Number(body.timestamp);
    if (userId && Number.isFinite(at)) activity.touch(userId, at);
    sendJson(res, 200, {});
    return true;
  };
}
