import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient } from './client';
import { defineContract } from './define';
import { RpcError } from './errors';
import { connectInMemory } from './memory-transport';
import { assertHandlersMatch, combineHandlers, createRpcServer } from './server';

const contract = defineContract({
  methods: {
    'math.add': { input: z.object({ a: z.number(), b: z.number().default(1) }), output: z.object({ sum: z.number() }) },
    'math.fail': { input: z.object({}), output: z.object({}) },
    'math.broken': { input: z.object({}), output: z.object({ n: z.number() }) },
  },
  events: { 'math.tick': z.object({ n: z.number().int() }) },
});

const handlers = {
  'math.add': ({ a, b }: { a: number; b: number }) => ({ sum: a + b }),
  'math.fail': () => {
    throw new RpcError('notFound', '没有这个工单');
  },
  'math.broken': () => ({ n: 'not a number' }) as unknown as { n: number },
};

function setup() {
  const errors: string[] = [];
  const server = createRpcServer(contract, handlers, { onInternalError: (m) => errors.push(m) });
  const client = createClient(contract, connectInMemory(server));
  return { server, client, errors };
}

describe('contract registration', () => {
  it('fails at start-up when a method has no handler', () => {
    const { 'math.fail': _, ...missing } = handlers;
    expect(() => createRpcServer(contract, missing as never)).toThrow(/no handler for: math\.fail/);
  });
  it('fails at start-up when a handler is not in the contract', () => {
    expect(() => assertHandlersMatch(contract, { ...handlers, 'math.extra': () => ({}) })).toThrow(/not in the contract: math\.extra/);
  });
  it('fails when two areas register the same method', () => {
    expect(() => combineHandlers({ 'a.x': () => 1 }, { 'a.x': () => 2 })).toThrow(/'a\.x' registered twice/);
  });
});

describe('calls through a transport', () => {
  it('validates input, fills defaults and returns the typed output', async () => {
    const { client } = setup();
    expect(await client.call('math.add', { a: 2 })).toEqual({ sum: 3 });
  });

  it('rejects bad input with a badRequest error naming the field', async () => {
    const { client } = setup();
    await expect(client.call('math.add', { a: 'x' } as never)).rejects.toMatchObject({ code: 'badRequest', message: expect.stringContaining('a:') });
  });

  it('carries a handler error as {code, message}', async () => {
    const { client } = setup();
    const r = await client.tryCall('math.fail', {});
    expect(r.error).toBeInstanceOf(RpcError);
    expect(r.error).toMatchObject({ code: 'notFound', message: '没有这个工单' });
  });

  it('turns an output that breaks its own schema into an internal error, and reports it', async () => {
    const { client, errors } = setup();
    await expect(client.call('math.broken', {})).rejects.toMatchObject({ code: 'internal' });
    expect(errors).toEqual(['math.broken']);
  });

  it('pushes events to connected clients', async () => {
    const { server, client } = setup();
    const got = new Promise((resolve) => client.on('math.tick', resolve));
    server.publish('math.tick', { n: 7 });
    expect(await got).toEqual({ n: 7 });
  });

  it('refuses to publish an event payload that breaks its schema', () => {
    const { server } = setup();
    expect(() => server.publish('math.tick', { n: 1.5 })).toThrow();
  });
});

describe('malformed messages never crash the server', () => {
  const server = createRpcServer(contract, handlers);
  const ctx = { transport: 'memory' as const, peer: 't' };
  it.each([
    ['not an object', 'hello', null],
    ['no kind', { id: 1, method: 'math.add', input: {} }, 1],
    ['bad id', { kind: 'request', id: -4, method: 'math.add', input: {} }, null],
    ['huge method name', { kind: 'request', id: 2, method: 'x'.repeat(10_000), input: {} }, 2],
  ])('%s → badRequest', async (_name, raw, id) => {
    expect(await server.handle(raw, ctx)).toMatchObject({ kind: 'response', id, ok: false, error: { code: 'badRequest' } });
  });
  it('unknown method → unknownMethod', async () => {
    expect(await server.handle({ kind: 'request', id: 3, method: 'toString', input: {} }, ctx)).toMatchObject({ ok: false, error: { code: 'unknownMethod' } });
  });
});
