import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandinApp } from '../../../systems/social/src/app.ts';
import { listenStandin, type Standin } from '../../../systems/lib/standin.ts';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { contractTally } from '../../../test/helpers/contract-tally.ts';

/**
 * The Meta Graph API has no official Node SDK for Messenger; integrations call it with plain
 * fetch, as this test does against the social stand-in: every call the connector makes, plus
 * versions, tokens, field errors, paging and throttling. Each counts when the answer has Graph's
 * shape and behaviour; "behaved / tried" is printed at the end (issue 10).
 */
const { call, report } = contractTally('Meta Graph contract', 'Graph');

const PAGE = '1029384756'; // Messenger, Omni Store TH
const IG = '17841405822304914'; // Instagram professional account
const SOMCHAI = '6254782930011201';
const NATTAYA = '6254782930011202';
const MAGDALENA = '17849999000000001';
const THREAD = 't_10223047289170000';

interface GraphErrorBody {
  error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string };
}

describe('Meta Graph API (plain fetch) against the social stand-in', () => {
  let standin: Standin;
  let base = '';
  const tokens = new Map<string, string>();
  const get = async <T>(path: string, token?: string) => {
    const res = await fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  };
  const pageToken = (id: string) => tokens.get(id)!;

  beforeAll(async () => {
    standin = await createStandinApp({ dataDir: fixtureDataDir });
    base = await listenStandin(standin, 0);
  });
  afterAll(async () => {
    await standin?.app.close();
    report();
  });

  call('GET me/accounts?fields=id,name,access_token gives each page its Page token', async () => {
    const res = await get<{ data: { id: string; name: string; access_token: string }[] }>('/v19.0/me/accounts?fields=id,name,access_token,instagram_business_account', 'dev-token');
    expect(res.status).toBe(200);
    for (const page of res.body.data) tokens.set(page.id, page.access_token);
    expect(pageToken(PAGE)).toMatch(/^EAA/);
    expect(res.body.data.find((p) => p.id === IG)).toMatchObject({ instagram_business_account: { id: IG } });
  });

  call('unversioned and v23.0 paths are served; an unsupported version is refused', async () => {
    const unversioned = await get<{ data: unknown[] }>('/me/accounts?fields=id', 'dev-token');
    expect(unversioned.body.data.length).toBeGreaterThan(0);
    const v23 = await get<{ id: string; first_name: string }>(`/v23.0/${SOMCHAI}?fields=id,first_name`, pageToken(PAGE));
    expect(v23.body).toEqual({ id: SOMCHAI, first_name: 'Somchai' });
    const v18 = await get<GraphErrorBody>(`/v18.0/${SOMCHAI}`, pageToken(PAGE));
    expect(v18.status).toBe(400);
  });

  call('GET /{psid}?fields=first_name,last_name,profile_pic with the Page token (User Profile API)', async () => {
    const res = await get<Record<string, string>>(`/v21.0/${SOMCHAI}?fields=first_name,last_name,profile_pic`, pageToken(PAGE));
    expect(res.body).toMatchObject({ id: SOMCHAI, first_name: 'Somchai', last_name: 'Jaidee', profile_pic: expect.any(String) });
  });

  call("a person read with the system user's token is code 190; with another page's token, code 100 / 33", async () => {
    const system = await get<GraphErrorBody>(`/v19.0/${SOMCHAI}?fields=id`, 'dev-token');
    expect(system.status).toBe(400);
    expect(system.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    const other = await get<GraphErrorBody>(`/v19.0/${SOMCHAI}?fields=id`, pageToken(IG));
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  call('an unknown field is (#100) in Graph error shape, page_id and platform included', async () => {
    for (const field of ['page_id', 'platform', 'nope']) {
      const res = await get<GraphErrorBody>(`/v19.0/${SOMCHAI}?fields=id,${field}`, pageToken(PAGE));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String), message: expect.stringContaining(`(${field})`) });
    }
  });

  call('GET /?ids=a,b multi-ID read; one unknown id fails the whole read (100 / 33)', async () => {
    const ok = await get<Record<string, { id: string }>>(`/v19.0/?ids=${SOMCHAI},${NATTAYA}&fields=id,name`, pageToken(PAGE));
    expect(Object.keys(ok.body).sort()).toEqual([SOMCHAI, NATTAYA].sort());
    const bad = await get<GraphErrorBody>(`/v19.0/?ids=${SOMCHAI},404404&fields=id`, pageToken(PAGE));
    expect(bad.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  call('GET /{page}/conversations?platform=messenger with participants and senders, paged with cursors', async () => {
    let url: string | undefined = `/v19.0/${PAGE}/conversations?platform=messenger&fields=id,participants,senders,updated_time&limit=2`;
    const seen: { id: string; senders?: { data: { id: string }[] } }[] = [];
    while (url) {
      const res: { body: { data: typeof seen; paging?: { next?: string; cursors?: { after?: string } } } } = await get(url.replace(base, ''), pageToken(PAGE));
      seen.push(...res.body.data);
      url = res.body.paging?.next;
    }
    expect(seen).toHaveLength(5);
    expect(seen.find((c) => c.id === THREAD)?.senders?.data.map((p) => p.id).sort()).toEqual([PAGE, SOMCHAI].sort());
  });

  call('GET /{ig-page}/conversations?platform=instagram&user_id= finds one person\'s thread', async () => {
    const res = await get<{ data: { id: string }[] }>(`/v19.0/${IG}/conversations?platform=instagram&user_id=${MAGDALENA}&fields=id,updated_time`, pageToken(IG));
    expect(res.body.data).toHaveLength(1);
  });

  call('GET /{conversation}?fields=messages.limit(2){id,message,from} nests the edge', async () => {
    const res = await get<{ id: string; messages: { data: { id: string; from: { id: string } }[]; paging?: unknown } }>(`/v19.0/${THREAD}?fields=messages.limit(2){id,message,from}`, pageToken(PAGE));
    expect(res.body.messages.data).toHaveLength(2);
  });

  call('GET /{conversation}/messages pages newest first; paging.next absent on the last page', async () => {
    const first = await get<{ data: { id: string; created_time: string }[]; paging: { next?: string } }>(`/v19.0/${THREAD}/messages?fields=id,created_time,from,message&limit=3`, pageToken(PAGE));
    expect(first.body.data).toHaveLength(3);
    const last = await get<{ data: unknown[]; paging: { next?: string } }>(first.body.paging.next!.replace(base, ''), pageToken(PAGE));
    expect(last.body.data).toHaveLength(2);
    expect(last.body.paging.next).toBeUndefined();
  });

  call('GET /{message-id}?fields=id,created_time,from,to,message', async () => {
    const list = await get<{ data: { id: string }[] }>(`/v19.0/${THREAD}/messages?limit=1`, pageToken(PAGE));
    const res = await get<{ id: string; from: { id: string }; to: { data: unknown[] }; message: string }>(`/v19.0/${list.body.data[0]!.id}?fields=id,created_time,from,to,message`, pageToken(PAGE));
    expect(res.body).toMatchObject({ from: { id: expect.any(String) }, to: { data: expect.any(Array) }, message: expect.any(String) });
  });

  call('POST / batch with access_token in the form body and batch as a JSON string', async () => {
    const form = new URLSearchParams({ access_token: pageToken(PAGE), batch: JSON.stringify([{ method: 'GET', relative_url: `${SOMCHAI}?fields=first_name` }, { method: 'GET', relative_url: `v22.0/${NATTAYA}?fields=first_name` }]) });
    const res = await fetch(`${base}/v19.0/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { code: number; body: string }[];
    expect(body.map((r) => r.code)).toEqual([200, 200]);
    expect(JSON.parse(body[0]!.body)).toMatchObject({ first_name: 'Somchai' });
  });

  call("POST / batch with each sub-request's own Page token (two pages in one call)", async () => {
    const res = await fetch(`${base}/`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        batch: [
          { method: 'GET', relative_url: `${SOMCHAI}?fields=id&access_token=${pageToken(PAGE)}` },
          { method: 'GET', relative_url: `${MAGDALENA}?fields=id&access_token=${pageToken(IG)}` },
          { method: 'GET', relative_url: `${MAGDALENA}?fields=id&access_token=${pageToken(PAGE)}` },
        ],
        include_headers: false,
      }),
    });
    const body = (await res.json()) as { code: number }[];
    expect(body.map((r) => r.code)).toEqual([200, 200, 400]);
  });

  call('POST /{page}/messages (Send API) with the Page token', async () => {
    const res = await fetch(`${base}/v20.0/${PAGE}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pageToken(PAGE)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: NATTAYA }, messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE', message: { text: 'Your order is ready' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recipient_id: NATTAYA, message_id: expect.stringMatching(/^m_/) });
  });

  call('an invalid token is HTTP 400, OAuthException 190 with WWW-Authenticate', async () => {
    const res = await get<GraphErrorBody>(`/v19.0/${SOMCHAI}`, 'wrong');
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    expect(res.body.error.code).toBe(190);
  });

  call('throttling is HTTP 400 code 613 with X-Business-Use-Case-Usage, not a 429', async () => {
    Object.assign(standin.faults, { rateLimitPerSecond: 0.01, rateLimitBurst: 0 });
    try {
      const res = await get<GraphErrorBody>(`/v19.0/${SOMCHAI}`, pageToken(PAGE));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(613);
      expect(JSON.parse(res.headers.get('x-business-use-case-usage')!)).toEqual(expect.any(Object));
    } finally {
      Object.assign(standin.faults, { rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });
});
