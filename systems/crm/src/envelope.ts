import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** HubSpot's error envelope (ModelError): every error body carries status, message, correlationId and category. */
export function hubspotError(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function sendError(reply: FastifyReply, status: number, category: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send(hubspotError(category, message, extra));
}

export const validationError = (reply: FastifyReply, message: string, extra: Record<string, unknown> = {}) =>
  sendError(reply, 400, 'VALIDATION_ERROR', message, extra);


/** HubSpot's `after` is opaque; the stand-in encodes a position (an id or an offset) so clients cannot do arithmetic on it. */
export const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
export function decodeCursor(cursor: string): string | null {
  try {
    const value = Buffer.from(cursor, 'base64url').toString('utf8');
    return /^\d+$/.test(value) ? value : null;
  } catch {
    return null;
  }
}
