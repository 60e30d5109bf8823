import DataLoader from 'dataloader';
import { groupByKey, rekey } from '../../../lib/batch.ts';
import type { __Name__Connector } from './connector/index.ts';
import type { __Name__ActivityModel, __Name__MemberModel } from './mappers.ts';

const newestFirst = (a: __Name__ActivityModel, b: __Name__ActivityModel) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at);

/** Built per request: DataLoader caches must never outlive one GraphQL operation. Every batch goes through a batch endpoint. */
export function createLoaders(connector: __Name__Connector) {
  const memberById = new DataLoader<string, __Name__MemberModel | null>(async (ids) => rekey(ids, await connector.readMembers(ids), (m) => m.id));
  const activitiesByMemberId = new DataLoader<string, __Name__ActivityModel[]>(async (ids) =>
    groupByKey(ids, await connector.readActivitiesByMember(ids), (a) => a.member_id).map((list) => list.sort(newestFirst)),
  );
  return { memberById, activitiesByMemberId };
}

export type Loaders = ReturnType<typeof createLoaders>;
