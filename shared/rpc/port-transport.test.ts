import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient } from './client';
import { defineContract } from './define';
import { portTransport, servePort, type PortEnd } from './port-transport';
import { createRpcServer } from './server';

const contract = defineContract({
  methods: { 'echo.say': { input: z.object({ s: z.string() }), output: z.object({ s: z.string(), access: z.string() }) } },
  events: { 'echo.heard': z.object({ s: z.string() }) },
});

// A worker_threads port as a PortEnd (what electron/core/host/node-port.ts does; shared/ has no Node of its own).
const end = (port: MessagePort): PortEnd => ({
  post: (m) => port.postMessage(m),
  listen: (l) => (port.on('message', l), () => port.off('message', l)),
  close: () => port.close(),
  onClose: (l) => void port.once('close', l),
});

function pair() {
  const server = createRpcServer(contract, { 'echo.say': ({ s }, ctx) => ({ s, access: ctx.access ?? 'none' }) });
  const { port1, port2 } = new MessageChannel();
  servePort(server, end(port2), { transport: 'ipc', peer: 'window-1', access: 'desk' });
  const transport = portTransport(end(port1));
  return { server, client: createClient(contract, transport), transport, served: port2 };
}

describe('the contract over a message port', () => {
  it('answers calls with the access the port was handed over with, and carries events', async () => {
    const { server, client, transport } = pair();
    expect(await client.call('echo.say', { s: '收到' })).toEqual({ s: '收到', access: 'desk' });
    const heard = new Promise((resolve) => client.on('echo.heard', resolve));
    server.publish('echo.heard', { s: 'x' });
    expect(await heard).toEqual({ s: 'x' });
    transport.close();
  });

  it('validates what comes over the port like every transport', async () => {
    const { client, transport } = pair();
    await expect(client.call('echo.say', { s: 42 } as never)).rejects.toMatchObject({ code: 'badRequest' });
    transport.close();
  });

  it('forgets a peer whose port closed: no more events are sent to it', async () => {
    const { server, transport, served } = pair();
    expect(server.peerCount).toBe(1);
    // The served end hears the close after servePort's own listener (registered first) has run.
    const closed = new Promise((resolve) => served.once('close', resolve));
    transport.close();
    await closed;
    expect(server.peerCount).toBe(0);
  });
});
