/** A hash of a value's JSON with keys in sorted order, so two copies built differently compare equal. */
import { createHash } from 'node:crypto';

const sorted = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;

export const canonicalHash = (v: unknown): string => createHash('sha256').update(JSON.stringify(sorted(v))).digest('hex');
