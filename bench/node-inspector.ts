/**
 * A Node process's inspector, for the soak: a full garbage collection in every isolate of the process (its main
 * thread and each worker thread, through the NodeWorker domain), so the process's memory is read after it, as the
 * page's heap is — garbage not yet collected is not growth. The process is started with `--inspect=127.0.0.1:0`;
 * `inspectorUrl` finds the address it prints.
 */
import WebSocket from 'ws';

/** The inspector's WebSocket address, from the lines Node prints on stderr ("Debugger listening on ws://…"). */
export const inspectorUrl = (stderr: string): string | undefined => /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown };

export class NodeInspector {
  private id = 0;
  private readonly pending = new Map<string, (m: Message) => void>();
  private readonly workers = new Set<string>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.id !== undefined) this.settle(String(m.id), m);
      if (m.method === 'NodeWorker.attachedToWorker') this.workers.add(String(m.params!.sessionId));
      if (m.method === 'NodeWorker.detachedFromWorker') this.workers.delete(String(m.params!.sessionId));
      if (m.method === 'NodeWorker.receivedMessageFromWorker') {
        const inner = JSON.parse(String(m.params!.message)) as Message;
        if (inner.id !== undefined) this.settle(`${String(m.params!.sessionId)}:${inner.id}`, inner);
      }
    });
  }

  static async connect(url: string): Promise<NodeInspector> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
    const inspector = new NodeInspector(ws);
    await inspector.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    return inspector;
  }

  private settle(key: string, m: Message): void {
    this.pending.get(key)?.(m);
    this.pending.delete(key);
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Message> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(String(id), resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  private toWorker(sessionId: string, method: string): Promise<Message> {
    const inner = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(`${sessionId}:${inner}`, resolve);
      this.ws.send(JSON.stringify({ id: ++this.id, method: 'NodeWorker.sendMessageToWorker', params: { sessionId, message: JSON.stringify({ id: inner, method }) } }));
    });
  }

  /** A full collection on the main thread and on every worker thread. */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
    for (const w of this.workers) await this.toWorker(w, 'HeapProfiler.collectGarbage');
  }

  close(): void {
    this.ws.close();
  }
}
