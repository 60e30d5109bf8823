/**
 * The system's wire shapes (DTOs), exactly as its API returns them. An exported interface named
 * after a GraphQL type plus "Model" is that type's mapper in the generated resolver types
 * (codegen.ts convention).
 */

/** `GET /v1/members`, `POST /v1/members/batch_get`: one member. */
export interface __Name__MemberModel {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  created_at: string;
  updated_at: string;
}

/** `POST /v1/activities/batch_get_by_member`: one activity of a member. */
export interface __Name__ActivityModel {
  id: string;
  member_id: string;
  type: string;
  summary: string;
  occurred_at: string;
}

/** The representation the gateway sends for Customer fields that @require the hub's links. */
export interface CustomerModel {
  id: string;
  links?: readonly { system: string; externalId: string }[];
}

/** A page of a list endpoint: `next_cursor` is null on the last page. */
export interface __Name__Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The system's error envelope. */
export interface __Name__ErrorBody {
  error?: { code?: string; message?: string };
}
