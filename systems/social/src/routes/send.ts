import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VERSION_PREFIXES, graphError, unknownObject } from '../graph.ts';
import type { SocialStore } from '../store.ts';
import { requestToken, type PageTokens } from '../tokens.ts';

interface SendBody {
  recipient?: { id?: string };
  messaging_type?: string;
  tag?: string;
  message?: { text?: string };
}

const messagingTypes = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);

/**
 * Send API: `POST /{page-id}/messages` → `{recipient_id, message_id}`. The 24-hour
 * messaging window is not enforced (the data set's threads are dated in the past).
 */
export function registerSendRoutes(app: FastifyInstance, store: SocialStore, tokens: PageTokens): void {
  const send = async (req: FastifyRequest<{ Params: { id: string }; Body: SendBody }>, reply: FastifyReply) => {
    const scope = tokens.scopeOf(requestToken(req.headers, req.url, req.body));
    // `me/messages` is the page of the Page token.
    const pageId = req.params.id === 'me' && scope?.kind === 'page' ? scope.pageId : req.params.id;
    const page = store.node(pageId);
    if (page?.kind !== 'page') {
      const failure = unknownObject(req.params.id);
      return reply.code(failure.status).send(failure.body);
    }
    if (scope?.kind !== 'page') {
      const failure = graphError(400, 190, '(#190) This method must be called with a Page Access Token');
      return reply.code(failure.status).send(failure.body);
    }
    if (scope.pageId !== page.row.id) {
      const failure = graphError(403, 200, '(#200) The page access token is not for this page', { type: 'OAuthException' });
      return reply.code(failure.status).send(failure.body);
    }
    const body = (typeof req.body === 'object' && req.body) || {};
    const recipientId = body.recipient?.id;
    const text = body.message?.text;
    const fail = (failure: ReturnType<typeof graphError>) => reply.code(failure.status).send(failure.body);
    if (!body.messaging_type || !messagingTypes.has(body.messaging_type)) {
      return fail(graphError(400, 100, '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}'));
    }
    if (body.messaging_type === 'MESSAGE_TAG' && !body.tag) return fail(graphError(400, 100, '(#100) Tag is required for MESSAGE_TAG'));
    if (!text || text.length > 2000) return fail(graphError(400, 100, '(#100) Param message[text] must be a non-empty UTF-8 string of at most 2000 characters'));
    const profile = recipientId ? store.node(recipientId) : undefined;
    if (profile?.kind !== 'profile' || profile.row.page_id !== page.row.id) {
      return fail(graphError(400, 100, '(#100) No matching user found', { subcode: 2018001 }));
    }
    const message = store.send(page.row, profile.row, text);
    return reply.code(200).send({ recipient_id: profile.row.id, message_id: message.id });
  };
  for (const prefix of VERSION_PREFIXES) app.post<{ Params: { id: string }; Body: SendBody }>(`${prefix}/:id/messages`, send);

  // Not Meta's: the person writes to the page now (tests of the 24-hour messaging window; the data set's threads are old).
  app.post<{ Body: { profileId?: string; text?: string } }>('/__admin/inbound', async (req, reply) => {
    const profile = req.body?.profileId ? store.node(req.body.profileId) : undefined;
    if (profile?.kind !== 'profile') return reply.code(404).send({ error: 'no such profile' });
    const page = store.node(profile.row.page_id);
    if (page?.kind !== 'page') return reply.code(404).send({ error: 'the profile has no managed page' });
    const message = store.send(page.row, profile.row, req.body?.text || 'Hello', new Date(), 'person');
    return reply.code(200).send({ message_id: message.id, conversation_id: message.conversation_id });
  });
}
