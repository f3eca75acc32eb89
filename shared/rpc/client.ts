/**
 * The typed client of a contract over any transport. A transport only sends messages and delivers
 * what arrives; ids, timeouts, validation and error mapping happen here, once.
 */
import { RpcError, describeZodError } from './errors';
import type { CallInput, ContractSpec, EventName, EventPayload, MethodName, Output } from './define';
import { ServerMessage, type WireRequest } from './wire';

export type LinkState = 'connecting' | 'open' | 'closed';

export type ClientTransport = {
  send(message: WireRequest): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Optional: transports that can drop (WebSocket) report their state; pending calls fail on 'closed'. */
  onLinkState?(listener: (state: LinkState) => void): () => void;
};

export type Client<C extends ContractSpec> = {
  call<M extends MethodName<C>>(method: M, input: CallInput<C, M>): Promise<Output<C, M>>;
  /** Non-throwing variant: {data} or {error}. */
  tryCall<M extends MethodName<C>>(method: M, input: CallInput<C, M>): Promise<{ data: Output<C, M>; error?: undefined } | { data?: undefined; error: RpcError }>;
  on<E extends EventName<C>>(event: E, listener: (payload: EventPayload<C, E>) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  dispose(): void;
};

export type ClientOptions = { timeoutMs?: number; onProtocolError?: (message: string) => void };

export function createClient<C extends ContractSpec>(contract: C, transport: ClientTransport, options: ClientOptions = {}): Client<C> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let nextId = 1;
  const pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: RpcError) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const linkListeners = new Set<(s: LinkState) => void>();

  const failAll = (code: 'disconnected', message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new RpcError(code, `${p.method}: ${message}`));
      pending.delete(id);
    }
  };

  const offMessage = transport.onMessage((raw) => {
    const msg = ServerMessage.safeParse(raw);
    if (!msg.success) {
      options.onProtocolError?.(`unreadable message from server: ${describeZodError(msg.error)}`);
      return;
    }
    const m = msg.data;
    if (m.kind === 'event') {
      const schema = contract.events[m.event];
      const set = listeners.get(m.event);
      if (!schema || !set?.size) return;
      const payload = schema.safeParse(m.payload);
      if (!payload.success) {
        options.onProtocolError?.(`event ${m.event}: ${describeZodError(payload.error)}`);
        return;
      }
      for (const l of set) l(payload.data);
      return;
    }
    if (typeof m.id !== 'number') {
      if (!m.ok) options.onProtocolError?.(`server error: ${m.error.message}`);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (!m.ok) return p.reject(new RpcError(m.error.code, m.error.message, { field: m.error.field, reason: m.error.reason, params: m.error.params }));
    const out = contract.methods[p.method]!.output.safeParse(m.value);
    if (!out.success) return p.reject(new RpcError('internal', `${p.method}: reply failed validation: ${describeZodError(out.error)}`));
    p.resolve(out.data);
  });

  const offLink =
    transport.onLinkState?.((state) => {
      if (state === 'closed') failAll('disconnected', 'connection to the console service was lost');
      for (const l of linkListeners) l(state);
    }) ?? (() => {});

  const call = <M extends MethodName<C>>(method: M, input: CallInput<C, M>) =>
    new Promise<Output<C, M>>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new RpcError('timeout', `${method}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        transport.send({ kind: 'request', id, method, input });
      } catch (e) {
        pending.delete(id);
        clearTimeout(timer);
        reject(new RpcError('disconnected', `${method}: ${e instanceof Error ? e.message : String(e)}`));
      }
    });

  return {
    call,
    async tryCall(method, input) {
      try {
        return { data: await call(method, input) };
      } catch (e) {
        return { error: e instanceof RpcError ? e : new RpcError('internal', String(e)) };
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set!.delete(listener as (p: unknown) => void);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    dispose() {
      offMessage();
      offLink();
      failAll('disconnected', 'client disposed');
    },
  };
}
