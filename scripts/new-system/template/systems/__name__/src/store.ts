import { readResource } from '../../lib/ndjson.ts';

/** A member, as each line of `<DATA_DIR>/__name__/members.ndjson` holds it (the API's own shape). */
export interface Member {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  created_at: string;
  updated_at: string;
}

/** An activity, as each line of `<DATA_DIR>/__name__/activities.ndjson` holds it. */
export interface Activity {
  id: string;
  member_id: string;
  type: string;
  summary: string;
  occurred_at: string;
}

/** The data set in memory: members in id order (the list endpoint's paging order) and indexes for the batch endpoints. */
export interface Store {
  members: Member[];
  memberById: Map<string, Member>;
  activitiesByMember: Map<string, Activity[]>;
}

export async function loadStore(dataDir: string): Promise<Store> {
  const members = (await readResource<Member>(dataDir, '__name__', 'members')).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const activitiesByMember = new Map<string, Activity[]>();
  for (const a of await readResource<Activity>(dataDir, '__name__', 'activities')) {
    activitiesByMember.set(a.member_id, [...(activitiesByMember.get(a.member_id) ?? []), a]);
  }
  return { members, memberById: new Map(members.map((m) => [m.id, m])), activitiesByMember };
}
