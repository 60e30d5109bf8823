import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../../lib/http-graphql.ts';
import { headerOf, lineSignature, receiveWebhook, refuseWebhook, sameSignature } from '../../../lib/webhooks.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { LineEventLog } from './event-log.ts';
import type { LineCallback } from './mappers.ts';

export const WEBHOOK_PATH = '/webhooks/line';

interface LooseEvent {
  type?: string;
  timestamp?: number;
  webhookEventId?: string;
  replyToken?: string;
  source?: { type?: string; userId?: string };
  message?: { id?: string; type?: string; text?: string };
}

/**
 * `POST /webhooks/line`: LINE's webhook. The `x-line-signature` header must be the base64
 * HMAC-SHA256 of the raw body with the channel secret (401, nothing recorded, otherwise). Events
 * are recorded once per `webhookEventId` (LINE's redeliveries carry the same id): follows and
 * the user's messages go to the event log; group and room events, unfollows and non-user sources
 * are acknowledged and left out. LINE expects a 200 quickly, whatever the events are.
 */
export function lineWebhookRoute(secret: string, log: LineEventLog, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const received = await receiveWebhook(req, res, [WEBHOOK_PATH]);
    if (received === null) return false;
    if (received === 'answered') return true;
    if (!sameSignature(lineSignature(secret, received.raw), headerOf(req, 'x-line-signature'))) {
      refuseWebhook(res, 401, 'WEBHOOK_SIGNATURE_INVALID', 'x-line-signature does not match the body');
      return true;
    }
    let body: LineCallback;
    try {
      body = JSON.parse(received.raw) as LineCallback;
    } catch {
      refuseWebhook(res, 400, 'WEBHOOK_BODY_INVALID', 'the body is not JSON');
      return true;
    }
    if (!Array.isArray(body.events)) {
      refuseWebhook(res, 400, 'WEBHOOK_BODY_INVALID', 'the body has no events array');
      return true;
    }
    let recorded = 0;
    for (const event of body.events as LooseEvent[]) {
      const userId = event.source?.type === 'user' ? event.source.userId : undefined;
      if (!userId || typeof event.webhookEventId !== 'string' || typeof event.timestamp !== 'number') continue;
      if (!log.firstTime(event.webhookEventId)) continue;
      if (event.type === 'follow') {
        log.recordFollow(userId, event.timestamp);
        recorded += 1;
      } else if (event.type === 'message' && event.message?.id) {
        log.recordMessage(
          { id: event.message.id, userId, at: event.timestamp, fromCustomer: true, text: event.message.type === 'text' ? (event.message.text ?? null) : null },
          event.replyToken,
        );
        recorded += 1;
      }
    }
    logger.debug({ events: body.events.length, recorded }, 'line webhook');
    sendJson(res, 200, {});
    return true;
  };
}
