/**
 * The hub's side of the socket contract (shared/hub-contract.ts), dispatched by derivation: a message named after
 * one of the contract's methods has its input validated against that method's schema before its handler sees
 * it, and the handler's answer validated against the method's answer before it is sent. Every message gets an
 * answer — through its acknowledgement, or as a `refused` event when it came without one or under a name the
 * hub does not know — and nothing a client sends can throw out of here.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { HubContract } from '../shared/hub-contract';
import type { HubError, HubRefusal } from '../shared/hub-protocol';
import type { ContractSpec, MethodName } from '../shared/rpc/define';
import { describeZodError } from '../shared/rpc/errors';

/** Handlers of a socket contract's methods (the hub's, or the phones' site contract). */
export type SocketHandlers<C extends ContractSpec, Ctx> = {
  [M in MethodName<C>]: (input: z.output<C['methods'][M]['input']>, ctx: Ctx) => Promise<z.input<C['methods'][M]['output']>>;
};
export type HubHandlers<Ctx> = SocketHandlers<HubContract, Ctx>;

export type SocketContractOptions<Ctx> = {
  /** May this caller still act (a token that expired or was revoked since the handshake may not)? An error
   * refuses the message and closes the link. */
  admit(ctx: Ctx): HubError | null;
  /** Within its rate (checked for a message that will be handled: known, with an acknowledgement)? */
  take(ctx: Ctx): HubError | null;
  log(line: string): void;
  /** Who is asking, for the log. */
  name(ctx: Ctx): string;
  /** A message whose input failed its schema, with the answer it got (the audit trail records it). */
  invalid?(method: string, ctx: Ctx, error: HubError): void;
};

const failed = (error: HubError) => ({ ok: false as const, error });

export function serveSocketContract<C extends ContractSpec, Ctx>(socket: Socket, contract: C, ctx: Ctx, handlers: SocketHandlers<C, Ctx>, o: SocketContractOptions<Ctx>): void {
  const methods = Object.keys(contract.methods);
  const refuse = (event: string, error: HubError) => socket.emit('refused', { event: event.slice(0, 100), error } satisfies HubRefusal);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const name = typeof event === 'string' ? event : String(event);
    const ack = args.length && typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (v: unknown) => void) : undefined;
    const answer = (error: HubError) => (ack ? ack(failed(error)) : refuse(name, error));
    if (!Object.hasOwn(contract.methods, name)) {
      return answer({ code: 'badRequest', message: `未知事件 (unknown event): ${name.slice(0, 100)}; the hub takes ${methods.join(', ')}`, reason: 'unknownEvent' });
    }
    const refused = o.admit(ctx);
    if (refused) {
      answer(refused);
      socket.disconnect(true);
      return;
    }
    if (!ack) return refuse(name, { code: 'badRequest', message: `"${name}" needs an acknowledgement callback (emitWithAck): its answer has nowhere to go` });
    const limited = o.take(ctx);
    if (limited) return ack(failed(limited));
    const method = name as MethodName<C>;
    const spec = contract.methods[method]!;
    const input = spec.input.safeParse(args[0]);
    if (!input.success) {
      const error: HubError = { code: 'badRequest', message: describeZodError(input.error), reason: 'invalidInput' };
      o.invalid?.(method, ctx, error);
      return ack(failed(error));
    }
    const handler = handlers[method] as (i: unknown, c: Ctx) => Promise<unknown>;
    handler(input.data, ctx).then(
      (value) => {
        const out = spec.output.safeParse(value);
        if (out.success) return ack(out.data);
        o.log(`${name} from ${o.name(ctx)}: the answer failed its own schema (a bug): ${describeZodError(out.error)}`);
        ack(failed({ code: 'internal', message: '枢纽内部错误 (internal error)', reason: 'hubInternal' }));
      },
      (e: unknown) => {
        o.log(`${name} from ${o.name(ctx)} failed: ${e instanceof Error ? e.message : String(e)}`);
        ack(failed({ code: 'internal', message: '枢纽内部错误 (internal error)', reason: 'hubInternal' }));
      },
    );
  });
}
