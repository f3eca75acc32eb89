/** A request's digest: SHA-256 of its canonical JSON (zod-parsed, so keys in schema order). Requests are
 * applied once per client id; a repeat with another digest is a reused id, refused as a conflict. */
import { createHash } from 'node:crypto';

export const digestOf = (parsed: unknown): string => createHash('sha256').update(JSON.stringify(parsed)).digest('base64url');

export const REUSED_ID_MESSAGE = '请求编号已用于另一内容不同的请求 (this id was already used for a different request)';
