/**
 * Errors cross every boundary as plain data {code, message, reason?, params?}; the client turns them back into
 * RpcError. `message` is for logs (developers' words); what a user reads comes from the catalogue: the text for
 * `reason` (err.<reason>) with `params`, or the title for `code` — never the message, never a zod path.
 * (Posting a raw Error can fail to clone and hide the real failure.)
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'badRequest', // the message or its input failed validation
  'unknownMethod',
  'notFound',
  'unauthorized',
  'conflict',
  'invalidSetting', // a setting outside its limits: `field` names which (SETTING_LIMITS), the screen says why
  'invalidMapPack', // a district map pack that cannot be used: `reason` says why (MAP_PACK_PROBLEMS), with `params`
  'unavailable', // the service cannot answer now (e.g. hub offline for a hub-only call)
  'timeout',
  'disconnected', // the transport dropped before the reply came
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A reason's parameters: a few short values the catalogue puts into its text. */
export const ErrorParams = z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).refine((p) => Object.keys(p).length <= 8, 'at most 8 parameters');
export type ErrorParams = z.infer<typeof ErrorParams>;
/** Why, for the catalogue: a key of err.* (e.g. 'ticketNotFound'), with its parameters. */
export const ErrorReason = z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]{0,63}$/);
/** What a user is told: the field concerned, the reason (a key of err.*) and its parameters. */
export type ErrorDetail = { field?: string; reason?: string; params?: ErrorParams };

export const WireError = z.object({
  code: ErrorCode,
  message: z.string().max(4000),
  /** The input field the error is about, when it is about one (a screen shows it next to that field). */
  field: z.string().max(100).optional(),
  reason: ErrorReason.optional(),
  params: ErrorParams.optional(),
});
export type WireError = z.infer<typeof WireError>;

export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, detail?: ErrorDetail) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.field = detail?.field;
    this.reason = detail?.reason;
    this.params = detail?.params;
  }
  toWire(): WireError {
    return {
      code: this.code,
      message: this.message.slice(0, 4000),
      ...(this.field ? { field: this.field.slice(0, 100) } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

/** Anything thrown by a handler becomes a wire error; unknown throwables are 'internal'. */
export function toWireError(e: unknown): WireError {
  if (e instanceof RpcError) return e.toWire();
  if (e instanceof z.ZodError) return { code: 'badRequest', message: describeZodError(e), reason: 'invalidInput' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: message.slice(0, 4000) };
}

/** One line naming each failing path, for humans: "limit: Too big: expected number to be <=500". */
export function describeZodError(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 4000);
}

/** The reason a hub's error carries (if any), to pass on to the console's user. */
export const hubReason = (e: { reason?: string; params?: ErrorParams }): ErrorDetail | undefined => (e.reason ? { reason: e.reason, ...(e.params ? { params: e.params } : {}) } : undefined);
