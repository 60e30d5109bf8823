import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VERSION_PREFIXES, graphError } from '../graph.ts';
import { requestToken } from '../tokens.ts';
import { REFERRAL_FIELD, verifyCallback, type MetaWebhooks, type WebhookObject } from '../webhooks.ts';

interface SubscriptionBody {
  object?: string;
  callback_url?: string;
  fields?: string | string[];
  verify_token?: string;
  include_values?: string | boolean;
  access_token?: string;
}

/**
 * The app's webhook subscriptions (Graph "Application subscriptions"), with the app access token
 * `{app-id}|{app-secret}`:
 *   POST /{v}/{app-id}/subscriptions  object=page|instagram, callback_url, fields, verify_token
 *        Meta first sends the verification GET to callback_url and subscribes only if the callback
 *        echoes hub.challenge; answers {success: true}. Stand-in behaviour: the data set's referral
 *        log for the object's pages is then sent to it as webhooks (webhooks.ts).
 *   GET  /{v}/{app-id}/subscriptions  {data: [{object, callback_url, active, fields: [{name, version}]}]}
 * Every page is taken as having the app installed (`/{page-id}/subscribed_apps`): not modelled.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, webhooks: MetaWebhooks, appId: string, appSecret: string): void {
  const fail = (reply: FastifyReply, failure: ReturnType<typeof graphError>) => reply.code(failure.status).send(failure.body);
  const appToken = `${appId}|${appSecret}`;
  const checkApp = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): boolean => {
    if (req.params.id !== appId) {
      fail(reply, graphError(400, 100, `Unsupported request. Object with ID '${req.params.id}' does not exist or does not support this operation`, { type: 'GraphMethodException', subcode: 33 }));
      return false;
    }
    if (requestToken(req.headers, req.url, req.body) !== appToken) {
      fail(reply, graphError(400, 15, '(#15) This method must be called with an app access_token.'));
      return false;
    }
    return true;
  };

  const subscribe = async (req: FastifyRequest<{ Params: { id: string }; Body: SubscriptionBody }>, reply: FastifyReply) => {
    if (!checkApp(req, reply)) return reply;
    const body = (typeof req.body === 'object' && req.body) || {};
    const object = body.object as WebhookObject;
    if (!(object in REFERRAL_FIELD)) return fail(reply, graphError(400, 100, '(#100) Param object must be one of {page, instagram, user, permissions, ...}'));
    let callback: URL | null = null;
    try {
      callback = new URL(String(body.callback_url ?? ''));
    } catch {
      callback = null;
    }
    const local = callback?.protocol === 'http:' && (callback.hostname === '127.0.0.1' || callback.hostname === 'localhost');
    if (!callback || (callback.protocol !== 'https:' && !local)) return fail(reply, graphError(400, 100, '(#100) Param callback_url must be a valid URL'));
    const fields = (Array.isArray(body.fields) ? body.fields : String(body.fields ?? '').split(',')).map((f) => f.trim()).filter(Boolean);
    if (fields.length === 0) return fail(reply, graphError(400, 100, '(#100) Param fields must be non-empty'));
    if (!body.verify_token) return fail(reply, graphError(400, 100, '(#100) Param verify_token is required'));
    if (!(await verifyCallback(callback.href, body.verify_token))) {
      return fail(reply, graphError(400, 2200, '(#2200) callback verification failed: the URL did not return the challenge'));
    }
    const previous = webhooks.subscriptions.get(object);
    webhooks.subscriptions.set(object, { object, callbackUrl: callback.href, fields });
    const referralsNew = fields.includes(REFERRAL_FIELD[object]) && (previous?.callbackUrl !== callback.href || !previous.fields.includes(REFERRAL_FIELD[object]));
    if (referralsNew) void webhooks.sendHistory(object);
    return { success: true };
  };

  const list = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    if (!checkApp(req, reply)) return reply;
    return {
      data: [...webhooks.subscriptions.values()].map((s) => ({ object: s.object, callback_url: s.callbackUrl, active: true, fields: s.fields.map((name) => ({ name, version: 'v19.0' })) })),
    };
  };

  for (const prefix of VERSION_PREFIXES) {
    app.post<{ Params: { id: string }; Body: SubscriptionBody }>(`${prefix}/:id/subscriptions`, subscribe);
    app.get<{ Params: { id: string } }>(`${prefix}/:id/subscriptions`, list);
  }
}
