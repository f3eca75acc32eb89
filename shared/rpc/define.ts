/**
 * Declaring a contract: methods (input → output schemas) and pushed events (payload schemas).
 * The typed client and the handler map are derived from the declaration; nothing is written twice.
 */
import type { z } from 'zod';

export type MethodSpec = { input: z.ZodType; output: z.ZodType };
export type ContractSpec = {
  methods: Record<string, MethodSpec>;
  events: Record<string, z.ZodType>;
};

export const defineContract = <C extends ContractSpec>(c: C): C => c;

export type MethodName<C extends ContractSpec> = keyof C['methods'] & string;
export type EventName<C extends ContractSpec> = keyof C['events'] & string;

/** What a caller passes (defaults may be omitted). */
export type CallInput<C extends ContractSpec, M extends MethodName<C>> = z.input<C['methods'][M]['input']>;
/** What a handler receives (after parsing: defaults filled in). */
export type HandlerInput<C extends ContractSpec, M extends MethodName<C>> = z.output<C['methods'][M]['input']>;
export type Output<C extends ContractSpec, M extends MethodName<C>> = z.output<C['methods'][M]['output']>;
export type EventPayload<C extends ContractSpec, E extends EventName<C>> = z.output<C['events'][E]>;

/** Who is calling: filled in by the transport, never by the caller. */
export type CallContext = {
  transport: 'ipc' | 'websocket' | 'memory';
  peer: string;
  /** 'desk': the console's own window (full rights); 'wall': an extra screen opened with the read-only link.
   * Absent counts as 'wall' where the server checks access: a transport that forgets it gets the least. */
  access?: 'desk' | 'wall';
};

export type Handler<C extends ContractSpec, M extends MethodName<C>> = (
  input: HandlerInput<C, M>,
  ctx: CallContext,
) => Promise<Output<C, M>> | Output<C, M>;

export type Handlers<C extends ContractSpec> = { [M in MethodName<C>]: Handler<C, M> };
