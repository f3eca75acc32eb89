/**
 * The console's connection to a hub: HTTP pulls of the change feed and a socket.io connection for live pushes and
 * calls, by the hub's socket contract (shared/hub-contract.ts): calls are typed by it and their answers validated
 * on arrival; the events it declares are passed on as received (their consumers validate them — the sync
 * quarantines a bad change rather than dropping it). Reconnects by itself; reports connect/disconnect. Knows
 * nothing of the store.
 */
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { hubContract, HUB_EVENTS, type HubContract, type HubEvent, type HubMethod } from '../../../shared/hub-contract';
import { HUB_API, HUB_SOCKET_NAMESPACE } from '../../../shared/hub-protocol';
import { describeZodError } from '../../../shared/rpc/errors';
import type { LinkProblem } from '../../../shared/contract';
import { httpGet, HttpGetError, keepAliveAgents, type HttpGetResult, type TlsOptions } from './http-get';
import { httpRequest, type HttpResponse, type RequestBody } from './http-request';
import { linkProblemOf } from './link-problem';

export type HubLinkOptions = {
  url: string;
  token: string;
  /** socket.io reconnection delays. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  pullTimeoutMs?: number;
  actTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** https: the CA to trust and this console's client certificate. */
  tls?: TlsOptions;
};

/** A lost link is tried again within about 2 s, at first after half a second. */
const RECONNECT_DELAY_MS = 500;
const RECONNECT_DELAY_MAX_MS = 2000;
const CONNECT_TIMEOUT_MS = 5000;
/** A handshake the hub refused (unknown or revoked token) is asked again at most this often. */
const REFUSED_RETRY_MAX_MS = 30_000;

/** A page of the change feed as received: UTF-8 bytes (they go to the checker's thread and the store without
 * being decoded on the main thread), or text. */
export type PageBody = string | Uint8Array;

export class HubUnreachableError extends Error {
  constructor(
    message: string,
    /** Set when someone must act (a certificate, a token), not just wait for the network. */
    readonly problem: LinkProblem | null = null,
  ) {
    super(message);
  }
}
/** The hub answered a call with something its contract does not allow (another version, or a fault). */
export class HubAnswerError extends Error {}

export type HubCallInput<M extends HubMethod> = z.input<HubContract['methods'][M]['input']>;
export type HubAnswer<M extends HubMethod> = z.output<HubContract['methods'][M]['output']>;

export class HubRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** 401: the token (or the missing client certificate) is what someone must fix. */
    readonly problem: LinkProblem | null = null,
  ) {
    super(message);
  }
}

/** What the sync engine and the outbox need of a hub connection (tests wrap or fake it). */
export type HubConnection = {
  readonly connected: boolean;
  on(event: 'change', l: (raw: unknown) => void): () => void;
  on(event: 'connect', l: () => void): () => void;
  /** `problem`: set when the link is refused for a reason someone must fix (a certificate, the token). */
  on(event: 'disconnect', l: (why: string, problem?: LinkProblem | null) => void): () => void;
  connect(): void;
  /** The change feed after `after`: the hub's JSON, as UTF-8 bytes or text (parsed and validated by the caller). */
  pull(after: number, limit: number): Promise<PageBody>;
  act(action: unknown): Promise<unknown>;
};

export class HubLink implements HubConnection {
  private socket: Socket | undefined;
  /** The contract's events, as received. */
  private readonly events = new Map<HubEvent, Set<(raw: unknown) => void>>(HUB_EVENTS.map((e) => [e, new Set()]));
  private readonly linkListeners = {
    connect: new Set<() => void>(),
    disconnect: new Set<(why: string, problem?: LinkProblem | null) => void>(),
  };

  /** Pulls reuse their connections. */
  private readonly agents: ReturnType<typeof keepAliveAgents>;

  /** How soon a lost link is tried again, at the latest, and how long a handshake may take. */
  get retryMs(): { reconnectMaxMs: number; connectTimeoutMs: number } {
    return { reconnectMaxMs: this.opts.reconnectDelayMaxMs ?? RECONNECT_DELAY_MAX_MS, connectTimeoutMs: this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS };
  }

  constructor(private readonly opts: HubLinkOptions) {
    this.agents = keepAliveAgents(opts.tls);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  on(event: HubEvent, l: (raw: unknown) => void): () => void;
  on(event: 'connect', l: () => void): () => void;
  on(event: 'disconnect', l: (why: string, problem?: LinkProblem | null) => void): () => void;
  on(event: HubEvent | 'connect' | 'disconnect', l: (...a: never[]) => void): () => void {
    const set = (event === 'connect' || event === 'disconnect' ? this.linkListeners[event] : this.events.get(event)!) as Set<typeof l>;
    set.add(l);
    return () => set.delete(l);
  }

  connect(): void {
    if (this.socket) return;
    const s = io(this.opts.url + HUB_SOCKET_NAMESPACE, {
      auth: { token: this.opts.token },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: this.opts.reconnectDelayMs ?? RECONNECT_DELAY_MS,
      reconnectionDelayMax: this.opts.reconnectDelayMaxMs ?? RECONNECT_DELAY_MAX_MS,
      randomizationFactor: 0.3,
      // A handshake that never completes (a link cut right after the WebSocket upgrade) is given up after this,
      // not socket.io's 20 s; a link that goes silent later is noticed by the heartbeat (the hub pings every 4 s).
      timeout: this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      // https: the district's CA and, under mutual TLS, this console's certificate (engine.io hands them to ws).
      ca: this.opts.tls?.ca,
      cert: this.opts.tls?.cert,
      key: this.opts.tls?.key,
    });
    s.on('connect', () => {
      this.stopRetry();
      this.linkListeners.connect.forEach((l) => l());
    });
    s.on('disconnect', (why) => {
      this.linkListeners.disconnect.forEach((l) => l(why));
      // socket.io reconnects by itself after a network fault, but not when the hub closed the link on purpose
      // (a restart, a shutdown): then it is ours to do, or the console stays offline until restarted.
      if (!s.active) this.retryLater(s);
    });
    s.on('connect_error', (e) => {
      const problem = linkProblemOf(e);
      this.linkListeners.disconnect.forEach((l) => l(e.message, problem));
      // Refused by the hub (e.g. a token it does not know yet): socket.io gives up; we keep asking, slowly.
      if (!s.active) this.retryLater(s, REFUSED_RETRY_MAX_MS);
    });
    for (const [event, listeners] of this.events) s.on(event, (raw: unknown) => listeners.forEach((l) => l(raw)));
    this.socket = s;
  }

  /** GET the change feed after `after`. Resolves with the body's bytes (parsed and validated by the caller). */
  async pull(after: number, limit: number): Promise<PageBody> {
    let res: HttpGetResult;
    try {
      res = await httpGet(`${this.opts.url}${HUB_API}/changes?after=${after}&limit=${limit}`, {
        headers: { Authorization: `Bearer ${this.opts.token}` },
        timeoutMs: this.opts.pullTimeoutMs ?? 60_000,
        agents: this.agents,
      });
    } catch (e) {
      if (e instanceof HttpGetError && e.whileReading) throw new HubUnreachableError(`connection lost while reading changes: ${e.message}`);
      throw new HubUnreachableError(`hub unreachable: ${errorText(e)}`, linkProblemOf(e));
    }
    const { status, body } = res;
    if (status < 200 || status > 299) {
      const text = Buffer.from(body.subarray(0, 600)).toString('utf8').slice(0, 300);
      const problem = status === 401 ? (/client certificate/.test(text) ? 'clientCertRequired' : 'tokenRefused') : null;
      throw new HubRefusedError(status, `hub refused the pull (${status}): ${text}`, problem);
    }
    return body;
  }

  /** Any other call of the hub's HTTP API (`path` after /api/v1, with its query), with this console's token and
   * TLS material: the answer whatever its status (the caller reads the hub's error body). Throws
   * HubUnreachableError when there is no answer. */
  async api(method: 'GET' | 'POST' | 'PUT', path: string, body?: RequestBody, idleMs = 60_000): Promise<HttpResponse> {
    try {
      return await httpRequest(`${this.opts.url}${HUB_API}${path}`, { method, headers: { Authorization: `Bearer ${this.opts.token}` }, body, idleMs, agents: this.agents });
    } catch (e) {
      throw new HubUnreachableError(`hub unreachable: ${errorText(e)}`, linkProblemOf(e));
    }
  }

  /** Send an action and wait for the hub's answer. Throws when not connected or on time-out (transient). */
  async act(action: unknown): Promise<unknown> {
    return this.call('action', action as HubCallInput<'action'>);
  }

  /** Call one of the hub's socket methods and wait for its answer, validated by the contract. Throws
   * HubUnreachableError when not connected or on time-out (transient), HubAnswerError on an answer the contract
   * does not allow. */
  async call<M extends HubMethod>(method: M, input: HubCallInput<M>): Promise<HubAnswer<M>> {
    const s = this.socket;
    if (!s?.connected) throw new HubUnreachableError('not connected to the hub');
    let raw: unknown;
    try {
      raw = await s.timeout(this.opts.actTimeoutMs ?? 10_000).emitWithAck(method, input);
    } catch (e) {
      throw new HubUnreachableError(`the hub did not answer ${method}: ${errorText(e)}`);
    }
    const answer = hubContract.methods[method].output.safeParse(raw);
    if (!answer.success) throw new HubAnswerError(`the hub answered ${method} in a form this console does not know: ${describeZodError(answer.error)}`);
    return answer.data as HubAnswer<M>;
  }

  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 0;

  /** Connect again after a backoff (from reconnectDelayMs, doubling to reconnectDelayMaxMs). */
  private retryLater(s: Socket, maxMs = this.opts.reconnectDelayMaxMs ?? RECONNECT_DELAY_MAX_MS): void {
    if (this.retryTimer || this.socket !== s) return;
    const min = this.opts.reconnectDelayMs ?? RECONNECT_DELAY_MS;
    this.retryDelay = Math.min(Math.max(min, this.retryDelay * 2), Math.max(maxMs, min));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.socket === s && !s.connected && !s.active) s.connect();
    }, this.retryDelay * (0.85 + Math.random() * 0.3));
  }

  private stopRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryDelay = 0;
  }

  close(): void {
    this.stopRetry();
    this.agents.destroy();
    this.socket?.close();
    this.socket = undefined;
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}
