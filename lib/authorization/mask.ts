import type { MaskNode } from './analyze.ts';
import type { PiiKind } from './spec.ts';

/**
 * The masking rules, one per kind of personal data. They keep what an analyst needs to count
 * and group (an email's domain, a phone's last three digits, initials) and nothing that
 * identifies the person on its own:
 *   email    r•••@gmail.com         first character of the local part, the domain
 *   phone    •••678                 the last three digits (length and country code hidden)
 *   name     A••• K•••              the first letter of each word
 *   address  •••                    nothing (street lines, postcodes)
 *   text     •••                    nothing (notes, messages, free text)
 * Masking a masked value gives the same value, so a value masked twice reads the same.
 */
export const MASK = '•••';

export function maskValue(kind: Exclude<PiiKind, 'inherit'>, value: string): string {
  switch (kind) {
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at <= 0) return MASK;
      return `${Array.from(value)[0]}${MASK}${value.slice(at)}`;
    }
    case 'phone': {
      return `${MASK}${value.replace(/\D/g, '').slice(-3)}`;
    }
    case 'name':
      return value
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => `${Array.from(word)[0] ?? ''}${MASK}`)
        .join(' ');
    default:
      return MASK;
  }
}

/** Who and what a response's personal data is about, for the audit log. */
export interface PiiRead {
  /** `Type.field` coordinates of the personal values present in the response. */
  fields: Set<string>;
  /** `Type:id` of the objects holding them (the nearest enclosing object that selected `id`). */
  subjects: Set<string>;
}

function leaf(kind: Exclude<PiiKind, 'inherit'>, value: unknown, mask: boolean): unknown {
  if (!mask) return value;
  if (typeof value === 'string') return maskValue(kind, value);
  if (Array.isArray(value)) return value.map((v) => leaf(kind, v, mask));
  return value === null || value === undefined ? value : MASK;
}

function visit(node: MaskNode, value: unknown, mask: boolean, read: PiiRead, subject: string | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(node, item, mask, read, subject);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  const id = node.idKey !== undefined ? object[node.idKey] : undefined;
  const typeName = typeof object.__typename === 'string' ? object.__typename : node.typeName;
  const here = typeof id === 'string' || typeof id === 'number' ? `${typeName}:${id}` : subject;
  for (const [key, field] of node.fields) {
    const v = object[key];
    if (v === undefined || v === null) continue;
    if (field.kind) {
      object[key] = leaf(field.kind, v, mask);
      read.fields.add(field.coordinate);
      if (here) read.subjects.add(here);
    }
    if (field.child) visit(field.child, v, mask, read, here);
  }
}

/** Masks the response data in place when `mask`, and says which personal data it held either way. */
export function applyMask(tree: MaskNode, data: Record<string, unknown>, mask: boolean): PiiRead {
  const read: PiiRead = { fields: new Set(), subjects: new Set() };
  visit(tree, data, mask, read, undefined);
  return read;
}
