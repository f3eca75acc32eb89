/**
 * Client side of the web host's WebSocket transport: reconnects with backoff and reports its link
 * state, so the screen can say when it is not live instead of silently going stale.
 */
import type { ClientTransport, LinkState } from '../../shared/rpc/client';

export function websocketTransport(url: string): ClientTransport {
  const messageListeners = new Set<(m: unknown) => void>();
  const stateListeners = new Set<(s: LinkState) => void>();
  let ws: WebSocket | undefined;
  let delay = 500;
  const queue: string[] = [];

  const setState = (s: LinkState) => stateListeners.forEach((l) => l(s));

  const connect = () => {
    setState('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      delay = 500;
      setState('open');
      while (queue.length) socket.send(queue.shift()!);
    };
    socket.onmessage = (e) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      messageListeners.forEach((l) => l(msg));
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      setState('closed');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();

  return {
    send(message) {
      const text = JSON.stringify(message);
      if (ws?.readyState === WebSocket.OPEN) ws.send(text);
      else if (queue.length < 100) queue.push(text);
      else throw new Error('not connected to the console service');
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onLinkState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
