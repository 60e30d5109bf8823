import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../../lib/http-graphql.ts';
import type { Logger } from '../../../lib/logger.ts';
import { headerOf, metaSignature, receiveWebhook, refuseWebhook, sameSignature } from '../../../lib/webhooks.ts';
import type { SocialEventLog } from './event-log.ts';
import type { GraphReferralEvent } from './mappers.ts';

export const WEBHOOK_PATH = '/webhooks/meta';
/** The fields this subgraph subscribes to per webhook object (Messenger's and Instagram's names for referrals differ). */
export const SUBSCRIBED_FIELDS = { page: ['messaging_referrals'], instagram: ['messaging_referral'] } as const;

type LooseReferral = Partial<GraphReferralEvent['referral']>;
interface LooseEvent {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  referral?: LooseReferral;
  postback?: { referral?: LooseReferral };
  message?: { referral?: LooseReferral };
}
interface LooseBody {
  object?: string;
  entry?: { id?: string; time?: number; messaging?: LooseEvent[] }[];
}

/**
 * `GET|POST /webhooks/meta`: Meta's webhook for the app (objects `page` and `instagram`).
 *  - GET is Meta's verification: `hub.mode=subscribe` with our verify token → the `hub.challenge`
 *    as the body; anything else 403.
 *  - POST must carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>` (401,
 *    nothing recorded, otherwise). Referrals (`messaging_referrals`, or `referral` on a postback or
 *    a message) go to the event log once each; other events are acknowledged and left out. Meta
 *    expects a 200 quickly and retries anything else.
 */
export function metaWebhookRoute(opts: { appSecret: string; verifyToken: string }, log: SocialEventLog, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://subgraph.invalid');
    if (url.pathname === WEBHOOK_PATH && req.method === 'GET') {
      const ok = url.searchParams.get('hub.mode') === 'subscribe' && sameSignature(opts.verifyToken, url.searchParams.get('hub.verify_token') ?? undefined);
      const challenge = url.searchParams.get('hub.challenge');
      if (!ok || !challenge) {
        refuseWebhook(res, 403, 'WEBHOOK_VERIFY_TOKEN_INVALID', 'hub.mode or hub.verify_token does not match this endpoint');
        return true;
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(challenge);
      return true;
    }
    const received = await receiveWebhook(req, res, [WEBHOOK_PATH]);
    if (received === null) return false;
    if (received === 'answered') return true;
    if (!sameSignature(metaSignature(opts.appSecret, received.raw), headerOf(req, 'x-hub-signature-256'))) {
      refuseWebhook(res, 401, 'WEBHOOK_SIGNATURE_INVALID', 'X-Hub-Signature-256 does not match the body');
      return true;
    }
    let body: LooseBody;
    try {
      body = JSON.parse(received.raw) as LooseBody;
    } catch {
      refuseWebhook(res, 400, 'WEBHOOK_BODY_INVALID', 'the body is not JSON');
      return true;
    }
    if (!Array.isArray(body.entry)) {
      refuseWebhook(res, 400, 'WEBHOOK_BODY_INVALID', 'the body has no entry array');
      return true;
    }
    let events = 0;
    let recorded = 0;
    for (const entry of body.entry) {
      for (const event of Array.isArray(entry?.messaging) ? entry.messaging : []) {
        events += 1;
        const referral = event.referral ?? event.postback?.referral ?? event.message?.referral;
        const sender = event.sender?.id;
        const recipient = event.recipient?.id ?? entry.id;
        if (!referral || typeof referral.source !== 'string' || !sender || !recipient || typeof event.timestamp !== 'number') continue;
        const clean: GraphReferralEvent['referral'] = { source: referral.source };
        if (typeof referral.ref === 'string') clean.ref = referral.ref;
        if (typeof referral.ad_id === 'string') clean.ad_id = referral.ad_id;
        if (typeof referral.type === 'string') clean.type = referral.type;
        if (referral.ads_context_data && typeof referral.ads_context_data === 'object') clean.ads_context_data = referral.ads_context_data;
        if (log.recordReferral({ sender: { id: sender }, recipient: { id: recipient }, timestamp: event.timestamp, referral: clean })) recorded += 1;
      }
    }
    logger.debug({ object: body.object, events, recorded }, 'meta webhook');
    sendJson(res, 200, { ok: true, recorded });
    return true;
  };
}
