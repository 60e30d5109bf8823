import { readResource } from './ndjson.ts';

/**
 * The data set keeps every messaging platform's threads in `social/*.ndjson` (systems/DATA-FORMAT.md);
 * the LINE and Zalo stand-ins each serve one platform's rows in their vendor's shape. These are the
 * fields they read (systems/social/src/store.ts has the full Meta rows).
 */
export interface PageRow { id: string; name: string; platform: string }
export interface ProfileRow { id: string; name?: string | null; first_name?: string | null; last_name?: string | null; profile_pic?: string | null; locale?: string | null; page_id: string; platform: string }
export interface ConversationRow { id: string; participants: { data: { id: string }[] }; updated_time: string; page_id: string; platform: string }
export interface MessageRow { id: string; created_time: string; from: { id: string }; message: string; conversation_id: string }

/** One platform's account (the data set's first page of it), its people, its threads by id and their messages; null without such a page. */
export async function readPlatformRows(dataDir: string, platform: string): Promise<{ page: PageRow; profiles: ProfileRow[]; threads: Map<string, ConversationRow>; messages: MessageRow[] } | null> {
  const [pages, profiles, conversations, messages] = await Promise.all([
    readResource<PageRow>(dataDir, 'social', 'pages'),
    readResource<ProfileRow>(dataDir, 'social', 'profiles'),
    readResource<ConversationRow>(dataDir, 'social', 'conversations'),
    readResource<MessageRow>(dataDir, 'social', 'messages'),
  ]);
  const page = pages.find((p) => p.platform === platform);
  if (!page) return null;
  const threads = new Map(conversations.filter((c) => c.platform === platform && c.page_id === page.id).map((c) => [c.id, c]));
  return {
    page,
    profiles: profiles.filter((row) => row.platform === platform && row.page_id === page.id),
    threads,
    messages: messages.filter((m) => threads.has(m.conversation_id)),
  };
}
