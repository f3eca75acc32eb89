/** One call of the console's contract over a web host's WebSocket, as a screen makes it. */
import WebSocket from 'ws';

export async function rpcCall(baseUrl: string, token: string, method: string, input: unknown): Promise<any> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws').replace(/\/?$/, '/')}rpc?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  try {
    const answer = new Promise<any>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.kind === 'response' && m.id === 1) resolve(m);
      }),
    );
    ws.send(JSON.stringify({ kind: 'request', id: 1, method, input }));
    const m = await answer;
    if (!m.ok) throw new Error(`${method}: ${m.error.code}: ${m.error.message}`);
    return m.value;
  } finally {
    ws.close();
  }
}
