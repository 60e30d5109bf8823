import { readFileSync } from 'node:fs';
import { Kind, parse, print, type FieldNode } from 'graphql';
import { schemaPath } from '../../../lib/registry.ts';
import { SUBGRAPH_NAMES, type SubgraphCall, type SubgraphName } from './clients.ts';
import type { ChannelFacts, ConsentState } from './notice-channel.ts';

/**
 * The facts a notice's channel is chosen on (notice-channel.ts), read from the systems that own
 * them: the person, their links, email and consent from the identity hub; their preferred
 * channel exactly as the journey subgraph computes it (`Customer.channelInsight`), fed the
 * representation the query planner would build; and, for SOCIAL, when they last wrote to us.
 */
export interface Person {
  id: string;
  links: { system: string; externalId: string }[];
  profile: { primaryEmail: { value: string } | null; consent: { channel: string; state: ConsentState }[] } & Record<string, unknown>;
}

export interface NoticeFacts {
  person: Person;
  channels: ChannelFacts[];
  preferredChannel: string | null;
  /** Why there is no preference, when there is none (the journey could not be read...). */
  preferenceNote?: string;
  /** The subgraph the SOCIAL address is sent through: Meta's (`social`), `line` or `zalo`; null without one. */
  socialSystem: MessagingSystem | null;
}

/** The messaging subgraphs a SOCIAL notice can leave through, each with its own send mutation. */
export type MessagingSystem = 'social' | 'line' | 'zalo';

/** `<system>Timeline` is contributed by the subgraph named `<system>` (the composition convention). */
const TIMELINE = /^([a-z][A-Za-z0-9]*)Timeline$/;

/** Top-level fields (with their selections) that `Customer.channelInsight` requires, from the journey's schema, as composition reads it. */
let requires: FieldNode[] | null = null;
export function channelInsightRequires(): FieldNode[] {
  if (requires) return requires;
  const doc = parse(readFileSync(schemaPath('journey'), 'utf8'));
  for (const def of doc.definitions) {
    if ((def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.OBJECT_TYPE_DEFINITION) || def.name.value !== 'Customer') continue;
    const field = def.fields?.find((f) => f.name.value === 'channelInsight');
    const arg = field?.directives?.find((d) => d.name.value === 'requires')?.arguments?.find((a) => a.name.value === 'fields');
    if (arg?.value.kind === Kind.STRING) {
      const op = parse(`{ ${arg.value.value} }`).definitions[0];
      if (op?.kind === Kind.OPERATION_DEFINITION) return (requires = op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD));
    }
  }
  throw new Error('journey schema: Customer.channelInsight has no @requires(fields:)');
}

/** The identity-owned part of what channelInsight requires, to add to the hub's query of the person. */
export function identityRequiredSelection(): string {
  return channelInsightRequires()
    .filter((f) => !TIMELINE.test(f.name.value))
    .map((f) => print(f))
    .join(' ');
}

const isSubgraph = (name: string): name is SubgraphName => (SUBGRAPH_NAMES as readonly string[]).includes(name);

/**
 * The preferred channel per the journey subgraph. Advisory: when it cannot be read the notice
 * still goes out (consent is enforced either way), in the default order, and the note says why.
 */
async function preferredChannel(call: SubgraphCall, person: Person, requestId: string): Promise<{ channel: string | null; note?: string }> {
  try {
    const representation: Record<string, unknown> = { __typename: 'Customer', id: person.id };
    await Promise.all(
      channelInsightRequires().map(async (field) => {
        const name = field.name.value;
        const system = TIMELINE.exec(name)?.[1];
        if (!system) {
          // Owned by the identity hub (profile): read with the person (identityRequiredSelection).
          representation[name] = (person as unknown as Record<string, unknown>)[name] ?? null;
          return;
        }
        if (!isSubgraph(system)) {
          representation[name] = null; // a system this process has no URL for: the journey counts it unavailable
          return;
        }
        const data = await call<{ _entities: (Record<string, unknown> | null)[] }>(
          system,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { ${print(field)} } } }`,
          { r: [{ __typename: 'Customer', id: person.id, links: person.links }] },
          requestId,
        ).catch(() => null);
        representation[name] = data?._entities[0]?.[name] ?? null;
      }),
    );
    const data = await call<{ _entities: ({ channelInsight: { preferredChannel: string | null; preferredChannelReason: string } | null } | null)[] }>(
      'journey',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { channelInsight { preferredChannel preferredChannelReason } } } }',
      { r: [representation] },
      requestId,
    );
    const insight = data._entities[0]?.channelInsight;
    return insight?.preferredChannel ? { channel: insight.preferredChannel } : { channel: null, note: insight?.preferredChannelReason ?? 'journey gave none' };
  } catch (error) {
    return { channel: null, note: `journey unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

interface SocialProfileFacts {
  id: string;
  platform: string;
  system: MessagingSystem;
  lastInboundAt: string | null;
}

const lastInbound = (messages: { at: string; fromCustomer: boolean }[]) => messages.filter((m) => m.fromCustomer).map((m) => m.at).sort().at(-1) ?? null;

/** LINE users and Zalo users, read through their own subgraphs (the same facts: platform and the person's last message). */
async function messagingUsers(call: SubgraphCall, person: Person, requestId: string): Promise<SocialProfileFacts[]> {
  const reads = person.links
    .filter((l) => l.system === 'line' || l.system === 'zalo')
    .slice(0, 10)
    .map(async (link): Promise<SocialProfileFacts | null> => {
      if (link.system === 'line') {
        const data = await call<{ lineUser: { userId: string; messages: { at: string; fromCustomer: boolean }[] } | null }>(
          'line',
          'query($id: ID!) { lineUser(userId: $id) { userId messages(first: 25) { at fromCustomer } } }',
          { id: link.externalId },
          requestId,
        );
        return data.lineUser ? { id: data.lineUser.userId, platform: 'LINE', system: 'line', lastInboundAt: lastInbound(data.lineUser.messages) } : null;
      }
      const data = await call<{ zaloUser: { userId: string; messages: { at: string; fromCustomer: boolean }[] } | null }>(
        'zalo',
        'query($id: ID!) { zaloUser(userId: $id) { userId messages(first: 10) { at fromCustomer } } }',
        { id: link.externalId },
        requestId,
      );
      return data.zaloUser ? { id: data.zaloUser.userId, platform: 'ZALO', system: 'zalo', lastInboundAt: lastInbound(data.zaloUser.messages) } : null;
    });
  return (await Promise.all(reads)).filter((p): p is SocialProfileFacts => p !== null);
}

/** Each linked social profile's platform and the person's last message in their latest thread. */
async function socialProfiles(call: SubgraphCall, person: Person, requestId: string): Promise<SocialProfileFacts[]> {
  const ids = person.links.filter((l) => l.system === 'social').map((l) => l.externalId).slice(0, 10);
  const profiles = await Promise.all(
    ids.map(async (id) => {
      const data = await call<{ socialProfile: { id: string; platform: string; conversations: { messages: { at: string; fromCustomer: boolean }[] }[] } | null }>(
        'social',
        'query($id: ID!) { socialProfile(id: $id) { id platform conversations(first: 1) { messages(first: 25) { at fromCustomer } } } }',
        { id },
        requestId,
      );
      const p = data.socialProfile;
      if (!p) return null;
      const inbound = p.conversations.flatMap((c) => c.messages).filter((m) => m.fromCustomer).map((m) => m.at).sort();
      const facts: SocialProfileFacts = { id: p.id, platform: p.platform, system: 'social', lastInboundAt: inbound.at(-1) ?? null };
      return facts;
    }),
  );
  return profiles.filter((p): p is SocialProfileFacts => p !== null);
}

export async function gatherNoticeFacts(call: SubgraphCall, person: Person, requestId: string): Promise<NoticeFacts> {
  const consent = (channel: string): ConsentState => person.profile.consent.find((c) => c.channel === channel)?.state ?? 'UNKNOWN';
  const [preference, social] = await Promise.all([
    preferredChannel(call, person, requestId),
    // DENIED is never used: no need to read the profiles then.
    consent('SOCIAL') === 'DENIED' ? Promise.resolve([]) : Promise.all([socialProfiles(call, person, requestId), messagingUsers(call, person, requestId)]).then(([meta, others]) => [...meta, ...others]),
  ]);
  // The profile on the preferred platform, else the one the person wrote on last, else the first.
  const profile =
    social.find((p) => p.platform === preference.channel) ??
    [...social].sort((a, b) => (b.lastInboundAt ?? '').localeCompare(a.lastInboundAt ?? ''))[0] ??
    null;
  const deniedAddress = consent('SOCIAL') === 'DENIED' ? (person.links.find((l) => l.system === 'social' || l.system === 'line' || l.system === 'zalo') ?? null) : null;
  return {
    person,
    socialSystem: profile?.system ?? ((deniedAddress?.system as MessagingSystem | undefined) ?? null),
    preferredChannel: preference.channel,
    ...(preference.note ? { preferenceNote: preference.note } : {}),
    channels: [
      { channel: 'EMAIL', consent: consent('EMAIL'), address: person.profile.primaryEmail?.value ?? null },
      {
        channel: 'SOCIAL',
        consent: consent('SOCIAL'),
        address: profile?.id ?? deniedAddress?.externalId ?? null,
        lastInboundAt: profile?.lastInboundAt ?? null,
      },
    ],
  };
}
