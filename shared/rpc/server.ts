/**
 * The server half of the contract, shared by every transport.
 * - Construction fails if a contract method has no handler, or a handler has no contract method.
 * - Every request is validated (envelope, method, input); outputs and event payloads are validated too,
 *   so a bug in the core surfaces as a clear 'internal' error instead of bad data on a screen.
 * - Nothing a peer sends can throw out of `receive`: a bad message always gets an error reply.
 */
import { RpcError, describeZodError, toWireError } from './errors';
import type { CallContext, ContractSpec, EventName, EventPayload, Handlers } from './define';
import { WireRequest, type ServerMessage, type WireResponse } from './wire';

export type PeerSink = { send(message: ServerMessage): void };
export type PeerConnection = {
  /** Hand the server one decoded message from the peer; resolves when the reply has been sent. */
  receive(raw: unknown): Promise<void>;
  close(): void;
};

export type RpcServer<C extends ContractSpec> = {
  connect(peer: PeerSink, ctx: CallContext): PeerConnection;
  /** Validate and answer one message (used by connect; exposed for transports that reply inline). */
  handle(raw: unknown, ctx: CallContext): Promise<WireResponse>;
  /** To every peer, or to those `to` picks by their context (e.g. desk screens only). */
  publish<E extends EventName<C>>(event: E, payload: EventPayload<C, E>, to?: (ctx: CallContext) => boolean): void;
  readonly peerCount: number;
};

export type RpcServerOptions = {
  /** Called for handler failures that are not RpcErrors (bugs), with the method name. */
  onInternalError?: (method: string, error: unknown) => void;
  /** Whether a caller with this access may call this method (default: everyone everything). */
  mayCall?: (access: 'desk' | 'wall', method: string) => boolean;
};

export function assertHandlersMatch(contract: ContractSpec, handlers: Record<string, unknown>): void {
  const declared = Object.keys(contract.methods);
  const missing = declared.filter((m) => typeof handlers[m] !== 'function');
  const extra = Object.keys(handlers).filter((m) => !(m in contract.methods));
  if (missing.length || extra.length) {
    const parts = [];
    if (missing.length) parts.push(`no handler for: ${missing.join(', ')}`);
    if (extra.length) parts.push(`handlers not in the contract: ${extra.join(', ')}`);
    throw new Error(`contract registration: ${parts.join('; ')}`);
  }
}

/** Merge per-area handler maps; a method registered twice is an error at start-up. */
export function combineHandlers<T extends Record<string, unknown>[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, fn] of Object.entries(map)) {
      if (name in out) throw new Error(`contract registration: method '${name}' registered twice`);
      out[name] = fn;
    }
  }
  return out as UnionToIntersection<T[number]>;
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export function createRpcServer<C extends ContractSpec>(
  contract: C,
  handlers: Handlers<C>,
  options: RpcServerOptions = {},
): RpcServer<C> {
  assertHandlersMatch(contract, handlers as Record<string, unknown>);
  const peers = new Map<PeerSink, CallContext>();

  async function handle(raw: unknown, ctx: CallContext): Promise<WireResponse> {
    const envelope = WireRequest.safeParse(raw);
    if (!envelope.success) {
      const id = idOf(raw);
      return { kind: 'response', id, ok: false, error: { code: 'badRequest', message: `malformed request: ${describeZodError(envelope.error)}` } };
    }
    const { id, method, input } = envelope.data;
    if (!Object.prototype.hasOwnProperty.call(contract.methods, method)) {
      return { kind: 'response', id, ok: false, error: { code: 'unknownMethod', message: `unknown method '${method}'` } };
    }
    if (options.mayCall && !options.mayCall(ctx.access ?? 'wall', method)) {
      return { kind: 'response', id, ok: false, error: { code: 'unauthorized', message: `只读大屏不能执行此操作 (this wall screen is read-only: ${method})` } };
    }
    const spec = contract.methods[method]!;
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return { kind: 'response', id, ok: false, error: { code: 'badRequest', message: `${method}: ${describeZodError(parsed.error)}` } };
    }
    try {
      const handler = (handlers as Record<string, (i: unknown, c: CallContext) => unknown>)[method]!;
      const result = await handler(parsed.data, ctx);
      const out = spec.output.safeParse(result);
      if (!out.success) {
        options.onInternalError?.(method, out.error);
        return { kind: 'response', id, ok: false, error: { code: 'internal', message: `${method}: reply failed its own schema: ${describeZodError(out.error)}` } };
      }
      return { kind: 'response', id, ok: true, value: out.data };
    } catch (e) {
      if (!(e instanceof RpcError)) options.onInternalError?.(method, e);
      return { kind: 'response', id, ok: false, error: toWireError(e) };
    }
  }

  return {
    handle,
    connect(peer, ctx) {
      peers.set(peer, ctx);
      return {
        async receive(raw) {
          const reply = await handle(raw, ctx);
          if (peers.has(peer)) peer.send(reply);
        },
        close() {
          peers.delete(peer);
        },
      };
    },
    publish(event, payload, to) {
      const schema = contract.events[event];
      if (!schema) throw new Error(`unknown event '${event}'`);
      const checked = schema.parse(payload);
      for (const [peer, ctx] of peers) if (!to || to(ctx)) peer.send({ kind: 'event', event, payload: checked });
    },
    get peerCount() {
      return peers.size;
    },
  };
}

function idOf(raw: unknown): string | number | null {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if ((typeof id === 'number' && Number.isInteger(id) && id >= 0) || (typeof id === 'string' && id.length > 0 && id.length <= 64)) return id;
  }
  return null;
}
