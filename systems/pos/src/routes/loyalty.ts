import type { FastifyInstance } from 'fastify';
import type { PosStore } from '../store.ts';
import { decodeCursor, idList, limitOf, notFound, page, RequestError, sendErrors } from '../square.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

export function loyaltyRoutes(app: FastifyInstance, store: PosStore): void {
  app.post<{ Body: Json | undefined }>('/v2/loyalty/accounts/search', async (req) => {
    const body = obj(req.body);
    const query = obj(body.query);
    const customerIds = new Set(idList(query.customer_ids, 'query.customer_ids', { max: 30 }));
    const mappings = Array.isArray(query.mappings) ? query.mappings : [];
    if (mappings.length > 30) throw new RequestError('ARRAY_LENGTH_TOO_LONG', '`query.mappings` must have at most 30 items.', 'query.mappings');
    const phones = new Set(mappings.map((m) => obj(m).phone_number).filter((p): p is string => typeof p === 'string'));
    const limit = limitOf(body.limit, 'limit', { min: 1, max: 200, fallback: 30 });
    const matches = store.loyaltyAccounts.filter(
      (a) =>
        (customerIds.size === 0 && phones.size === 0) ||
        (a.customer_id != null && customerIds.has(a.customer_id)) ||
        (a.mapping?.phone_number !== undefined && phones.has(a.mapping.phone_number)),
    );
    const fingerprint = `loyalty:${JSON.stringify(query)}`;
    const { items, cursor } = page(matches, decodeCursor(body.cursor, fingerprint), limit, fingerprint);
    return { loyalty_accounts: items, ...(cursor ? { cursor } : {}) };
  });

  // RetrieveLoyaltyAccount.
  app.get<{ Params: { account_id: string } }>('/v2/loyalty/accounts/:account_id', async (req, reply) => {
    const account = store.loyaltyAccounts.find((a) => a.id === req.params.account_id);
    if (!account) return sendErrors(reply, 404, notFound(`Loyalty account \`${req.params.account_id}\` not found.`, 'account_id'));
    return { loyalty_account: account };
  });

  // RetrieveLoyaltyProgram: `main` is the seller's one program (Square's documented alias), else its id.
  app.get<{ Params: { program_id: string } }>('/v2/loyalty/programs/:program_id', async (req, reply) => {
    const program = store.loyaltyProgram;
    if (!program || (req.params.program_id !== 'main' && req.params.program_id !== program.id)) {
      return sendErrors(reply, 404, notFound(`Loyalty program \`${req.params.program_id}\` not found.`, 'program_id'));
    }
    return { program };
  });

  // ListLoyaltyPrograms (deprecated by Square for programs/main, still served): the one program.
  app.get('/v2/loyalty/programs', async () => (store.loyaltyProgram ? { programs: [store.loyaltyProgram] } : {}));
}
