/**
 * The envelope every transport carries (Electron IPC, the web host's WebSocket, the in-memory pair).
 * Transports move these objects; request ids, validation and errors are handled once, in client.ts / server.ts.
 */
import { z } from 'zod';
import { WireError } from './errors';

export const RequestId = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);
export type RequestId = z.infer<typeof RequestId>;

export const WireRequest = z.object({
  kind: z.literal('request'),
  id: RequestId,
  method: z.string().min(1).max(100),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export const WireResponse = z.union([
  z.object({ kind: z.literal('response'), id: RequestId.nullable(), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('response'), id: RequestId.nullable(), ok: z.literal(false), error: WireError }),
]);
export type WireResponse = z.infer<typeof WireResponse>;

export const WireEvent = z.object({
  kind: z.literal('event'),
  event: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type WireEvent = z.infer<typeof WireEvent>;

/** What a server sends to a peer. */
export const ServerMessage = z.union([WireResponse, WireEvent]);
export type ServerMessage = z.infer<typeof ServerMessage>;
