/**
 * A Node process's inspector, for the soak: a full garbage collection in every isolate of the process (its main
 * thread and each worker thread, through the NodeWorker domain), so that the process's memory can also be read with
 * no garbage in it (at the soak's base and end only: a collection every minute would change what is measured). The
 * process is started with `--inspect=127.0.0.1:0`; `inspectorUrl` finds the address it prints. Every call fails
 * after CALL_MS, on an error answer, or when its isolate or the connection goes away.
 */
import WebSocket from 'ws';

/** The inspector's WebSocket address, from the lines Node prints on stderr ("Debugger listening on ws://…"). */
export const inspectorUrl = (stderr: string): string | undefined => /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];

const CALL_MS = 30_000;
type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message?: string } };
type Pending = { resolve: (m: Message) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

export class NodeInspector {
  private id = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly workers = new Set<string>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.id !== undefined) this.settle(String(m.id), m);
      if (m.method === 'NodeWorker.attachedToWorker') this.workers.add(String(m.params!.sessionId));
      if (m.method === 'NodeWorker.detachedFromWorker') {
        const session = String(m.params!.sessionId);
        this.workers.delete(session);
        for (const key of [...this.pending.keys()]) if (key.startsWith(`${session}:`)) this.fail(key, new Error(`worker ${session} went away`));
      }
      if (m.method === 'NodeWorker.receivedMessageFromWorker') {
        const inner = JSON.parse(String(m.params!.message)) as Message;
        if (inner.id !== undefined) this.settle(`${String(m.params!.sessionId)}:${inner.id}`, inner);
      }
    });
    const gone = (why: string) => () => {
      for (const key of [...this.pending.keys()]) this.fail(key, new Error(`inspector ${why}`));
    };
    ws.on('close', gone('closed'));
    ws.on('error', gone('failed'));
  }

  static async connect(url: string): Promise<NodeInspector> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
    const inspector = new NodeInspector(ws);
    await inspector.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    return inspector;
  }

  private settle(key: string, m: Message): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    clearTimeout(p.timer);
    if (m.error) p.reject(new Error(`inspector refused: ${m.error.message ?? JSON.stringify(m.error)}`));
    else p.resolve(m);
  }

  private fail(key: string, e: Error): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    clearTimeout(p.timer);
    p.reject(e);
  }

  private wait(key: string, what: string): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(key, new Error(`inspector: no answer to ${what} in ${CALL_MS} ms`)), CALL_MS);
      this.pending.set(key, { resolve, reject, timer });
    });
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Message> {
    const id = ++this.id;
    const answer = this.wait(String(id), method);
    this.ws.send(JSON.stringify({ id, method, params }));
    return answer;
  }

  private toWorker(sessionId: string, method: string): Promise<Message> {
    const inner = ++this.id;
    const answer = this.wait(`${sessionId}:${inner}`, method);
    this.ws.send(JSON.stringify({ id: ++this.id, method: 'NodeWorker.sendMessageToWorker', params: { sessionId, message: JSON.stringify({ id: inner, method }) } }));
    return answer;
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
