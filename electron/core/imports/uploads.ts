/**
 * A file the chair chose, arriving from the screen in pieces (imports.begin → imports.chunk … → imports.preview):
 * each piece is written to a temporary file under the console's data folder, in order, and the whole is handed
 * on only when every byte of the announced size is there. Nothing is kept in memory but the open file.
 * An upload nobody finishes is removed after `idleMs`; whatever a previous run left behind is removed on start.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { RpcError } from '../../../shared/rpc/errors';

/** At most this many bytes a piece (the contract's chunk carries 1 MiB). */
export const CHUNK_MAX_BYTES = 1024 * 1024;
/** An upload that has not moved for this long is given up. */
const IDLE_MS = 15 * 60_000;
/** Uploads at once (one screen uploads one file; a few screens, or a stuck one). */
const MAX_OPEN = 4;

export type Upload = { id: string; fileName: string; size: number; file: string };

type Open = Upload & { received: number; handle: FileHandle | undefined; touched: number; busy: Promise<unknown>; /** On its way to the hub: not swept however long it takes. */ sending: boolean };

export class UploadStore {
  private readonly open = new Map<string, Open>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** The folder for the temporary files (created on the first upload, 0700; files 0600). */
    private readonly dir: string,
    private readonly clock: () => number = Date.now,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Remove what an earlier run left, then give up idle uploads every minute. */
  async start(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => {});
    this.sweeper = setInterval(() => void this.sweep(), Math.min(60_000, this.idleMs));
    this.sweeper.unref();
  }

  async begin(fileName: string, size: number): Promise<string> {
    await this.sweep();
    if (this.open.size >= MAX_OPEN) throw new RpcError('unavailable', `${MAX_OPEN} uploads are already open`, { reason: 'import.uploadsBusy' });
    if (size === 0) throw new RpcError('badRequest', 'the file is empty', { reason: 'import.empty' });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(12).toString('base64url');
    const file = path.join(this.dir, `${id}.upload`);
    // Known before its file exists, so a sweep meanwhile never takes the file for a leftover.
    const u: Open = { id, fileName: path.basename(fileName), size, file, received: 0, handle: undefined, touched: this.clock(), busy: Promise.resolve(), sending: false };
    this.open.set(id, u);
    try {
      u.handle = await open(file, 'wx', 0o600);
    } catch (e) {
      this.open.delete(id);
      throw e;
    }
    return id;
  }

  /** One piece at `offset` (it must follow the last one exactly). Answers the bytes received so far. */
  async chunk(id: string, offset: number, base64: string): Promise<number> {
    const u = this.get(id);
    return this.serial(u, async () => {
      const data = Buffer.from(base64, 'base64');
      if (data.length === 0 || data.length > CHUNK_MAX_BYTES || data.toString('base64') !== base64.replace(/\s+/g, '')) {
        throw new RpcError('badRequest', `a piece must be 1 to ${CHUNK_MAX_BYTES} bytes of base64`, { reason: 'import.badChunk' });
      }
      if (offset !== u.received || !u.handle) throw new RpcError('conflict', `piece at ${offset}, expected ${u.received}`, { reason: 'import.uploadOrder', params: { offset, expected: u.received } });
      if (u.received + data.length > u.size) throw new RpcError('badRequest', `${u.received + data.length} bytes, announced ${u.size}`, { reason: 'import.sizeMismatch', params: { size: u.size } });
      await u.handle!.write(data, 0, data.length, offset);
      u.received += data.length;
      u.touched = this.clock();
      return u.received;
    });
  }

  /** The whole file, closed, for the caller to send on (it is not swept meanwhile); it stays on disk until
   * `discard`, or until it has been idle for a while after `release`. */
  async complete(id: string): Promise<Upload> {
    const u = this.get(id);
    return this.serial(u, async () => {
      if (u.received !== u.size) throw new RpcError('badRequest', `${u.received} of ${u.size} bytes received`, { reason: 'import.incomplete', params: { got: u.received, size: u.size } });
      await u.handle?.close();
      u.handle = undefined;
      u.sending = true;
      return { id: u.id, fileName: u.fileName, size: u.size, file: u.file };
    });
  }

  /** Sending it failed for now (the hub out of reach): it may be sent again, or is swept once idle. */
  release(id: string): void {
    const u = this.open.get(id);
    if (!u) return;
    u.sending = false;
    u.touched = this.clock();
  }

  async discard(id: string): Promise<void> {
    const u = this.open.get(id);
    if (!u) return;
    this.open.delete(id);
    await u.busy.catch(() => {});
    await u.handle?.close().catch(() => {});
    await rm(u.file, { force: true });
  }

  /** Uploads open now (tests). */
  get size(): number {
    return this.open.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.open.keys()].map((id) => this.discard(id)));
  }

  private get(id: string): Open {
    const u = this.open.get(id);
    if (!u) throw new RpcError('notFound', `no upload ${id} (finished, given up after ${this.idleMs / 60_000} min idle, or the console restarted)`, { reason: 'import.uploadGone' });
    return u;
  }

  /** One operation on an upload at a time (pieces arrive in order, but a caller could send two at once). */
  private serial<T>(u: Open, f: () => Promise<T>): Promise<T> {
    const next = u.busy.then(f, f);
    u.busy = next.catch(() => {});
    return next;
  }

  private async sweep(): Promise<void> {
    const now = this.clock();
    const stale = [...this.open.values()].filter((u) => !u.sending && now - u.touched > this.idleMs).map((u) => u.id);
    await Promise.all(stale.map((id) => this.discard(id)));
    // Files no open upload owns (a previous run's, or one whose discard failed).
    const files = await readdir(this.dir).catch(() => [] as string[]);
    const known = new Set([...this.open.values()].map((u) => path.basename(u.file)));
    await Promise.all(files.filter((f) => !known.has(f)).map((f) => rm(path.join(this.dir, f), { force: true }).catch(() => {})));
  }
}
