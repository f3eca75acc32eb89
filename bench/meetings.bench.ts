/**
 * r6: the hub under a meeting load. `stations` stations connected, `meetings` meetings held at once (each
 * with its own chair console and stations/meetings invited stations), a wall (viewer) watching them all, and
 * `rate` meeting events per second for `seconds`, sent on a fixed schedule whatever the answers (open loop):
 * the chair calls a station about the current ticket and the station answers 收到 as soon as its screen has
 * the call, stations report from the site (one in twenty with a photo), the current item moves on,
 * roll-calls answered by every invited station, decisions as ticket actions. Answers and roll-call replies
 * are events too and count towards the rate.
 *
 * Reported: every acknowledgement's round trip (p50, p99), acknowledgements lost (none within 30 s),
 * refusals by code, call → 收到 as the chair sees it (p99), and at the end whether every participant is at
 * the meeting's last version, and whether the full copies equal the meeting as the hub stored it (canonical
 * hash). Baseline in the same run: socket.io's own acknowledged echo, served by the hub's process, at the
 * same rate over as many sockets.
 *
 * All 211 participants run in this one process, on the same two cores as the hub: so that the process
 * measures the hub rather than its own copying, full copies of a meeting are kept by the wall (all
 * meetings), each chair (its own) and two stations per meeting; the other stations follow versions only
 * (in order, fetching the meeting after a gap, as a console does) and answer what is addressed to them.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { MeetingPatchPush } from '../shared/hub-meeting';
import { connectMeetingClient, type MeetingClient } from '../test/support/meeting-client';
import { canonicalHash } from './canonical-hash';

const ACK_TIMEOUT_MS = 30_000;
const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);

export type MeetingsBenchResult = {
  tls: boolean;
  stations: number;
  meetings: number;
  seconds: number;
  r6_events: number;
  r6_events_per_s: number;
  r6_lost_acks: number;
  r6_ack_p50_ms: number;
  r6_ack_p99_ms: number;
  r6_echo_p99_ms: number;
  r6_ack_p99_ratio_vs_echo: number;
  r6_call_to_answer_p99_ms: number;
  r6_unanswered_calls: number;
  r6_refused: Record<string, number>;
  r6_out_of_step: number;
  r6_gap_fetches: number;
  r6_hub_cpu_percent: number;
  r6_hub_rss_mib: number;
  r6_client_loop_delay_p99_ms: number;
};

type HubHello = { url: string; ca: string | null; echoUrl: string; chair: string; viewer: string; stations: { code: string; token: string }[]; ticketNos: string[] };

async function hubProcess(dir: string, stations: number, tls: boolean) {
  // BENCH_HUB_PROFILE=<dir>: the hub's CPU profile, for finding where its time goes.
  const profile = process.env.BENCH_HUB_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-old-space-size=8192', '--import', 'tsx', path.join(__dirname, 'meeting-hub-process.mts'), dir, String(stations), tls ? 'tls' : 'plain'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const hello = (await next()) as HubHello;
  return {
    ...hello,
    async send<T>(cmd: string): Promise<T> {
      child.stdin!.write(cmd + '\n');
      return next() as Promise<T>;
    },
  };
}

const percentile = (sorted: readonly number[], q: number) => sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)] ?? NaN;
const round1 = (x: number) => Math.round(x * 10) / 10;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Send on a fixed schedule: whenever fewer than rate × elapsed events were sent, `fire` makes up the difference. */
async function openLoop(rate: number, seconds: number, sent: () => number, fire: () => void): Promise<number> {
  const start = performance.now();
  for (;;) {
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) return elapsed;
    for (let due = Math.floor(rate * elapsed) - sent(); due > 0; due--) fire();
    await sleep(5);
  }
}

/** Acknowledged requests: round trips, losses (no answer in time), refusals, in flight. */
class Acks {
  readonly rtt: number[] = [];
  lost = 0;
  sent = 0;
  inFlight = 0;
  readonly refused: Record<string, number> = {};

  send(socket: Socket, event: string, body: unknown): void {
    this.sent++;
    this.inFlight++;
    const t = performance.now();
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(event, body)
      .then(
        (a: { ok?: boolean; error?: { code: string } }) => {
          this.rtt.push(performance.now() - t);
          if (a && a.ok === false) this.refused[a.error!.code] = (this.refused[a.error!.code] ?? 0) + 1;
        },
        () => this.lost++,
      )
      .finally(() => this.inFlight--);
  }

  async settled(): Promise<void> {
    while (this.inFlight > 0) await sleep(50);
  }
}

/** socket.io's own acknowledged round trip, at the same rate over as many sockets. */
async function echoBaseline(url: string, sockets: number, rate: number, seconds: number): Promise<number[]> {
  const all = await Promise.all(
    Array.from({ length: sockets }, () => {
      const s = io(url + '/echo', { transports: ['websocket'], reconnection: false });
      return new Promise<Socket>((resolve, reject) => (s.once('connect', () => resolve(s)), s.once('connect_error', reject)));
    }),
  );
  const acks = new Acks();
  const body = { id: randomUUID(), meetingId: randomUUID(), op: 'report', ticketNo: '12345-20261130-000001', note: '网格员已在现场，正在核实情况' };
  await openLoop(rate, seconds, () => acks.sent, () => acks.send(pick(all), 'echo', body));
  await acks.settled();
  all.forEach((s) => s.close());
  return acks.rtt.sort((a, b) => a - b);
}

type Held = { id: string; chair: MeetingClient; stations: Participant[]; agenda: string[]; current: number };
type Participant = { code: string; client: MeetingClient; versions: Map<string, number> };

/** Each meeting's version as a participant has it, by the protocol's rule (a gap fetches the meeting whole). */
function followVersions(c: MeetingClient): Map<string, number> {
  const versions = new Map<string, number>();
  c.socket.on('meeting', (m: { id: string; version: number }) => versions.set(m.id, Math.max(versions.get(m.id) ?? 0, m.version)));
  c.socket.on('meetingPatch', (p: MeetingPatchPush) => {
    const v = versions.get(p.meetingId);
    if (v !== undefined && p.version <= v) return;
    if (v === p.version - 1) return void versions.set(p.meetingId, p.version);
    c.counts.fetches++;
    void c.socket.emitWithAck('meetingGet', { meetingId: p.meetingId }).then((a: { ok: boolean; meeting?: { version: number } }) => {
      if (a.ok) versions.set(p.meetingId, Math.max(versions.get(p.meetingId) ?? 0, a.meeting!.version));
    });
  });
  return versions;
}

export async function runMeetingsBench(o: { stations: number; meetings: number; rate: number; seconds: number; echoSeconds: number; tls?: boolean }): Promise<MeetingsBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liandong-r6-'));
  const hub = await hubProcess(dir, o.stations, o.tls ?? false);
  const tlsOpts = hub.ca ? { ca: hub.ca } : {};
  const participants = o.stations + o.meetings + 1;
  log(`r6 baseline: echo at ${o.rate}/s over ${participants} sockets for ${o.echoSeconds} s`);
  const echo = await echoBaseline(hub.echoUrl, participants, o.rate, o.echoSeconds);

  const perMeeting = Math.floor(o.stations / o.meetings);
  const FULL_COPIES_PER_MEETING = 2;
  const stations: Participant[] = await Promise.all(
    hub.stations.map(async (s, i) => {
      const client = await connectMeetingClient(hub.url, s.token, { ...tlsOpts, follows: () => i % perMeeting < FULL_COPIES_PER_MEETING });
      return { code: s.code, client, versions: followVersions(client) };
    }),
  );
  const viewer = await connectMeetingClient(hub.url, hub.viewer, tlsOpts);
  const viewerVersions = followVersions(viewer);
  const held: Held[] = [];
  const chairVersions: Map<string, number>[] = [];
  for (let m = 0; m < o.meetings; m++) {
    const id = randomUUID();
    const chair = await connectMeetingClient(hub.url, hub.chair, { ...tlsOpts, follows: (meetingId) => meetingId === id });
    chairVersions.push(followVersions(chair));
    const invited = stations.slice(m * perMeeting, (m + 1) * perMeeting);
    const agenda = hub.ticketNos.slice(m * 10, m * 10 + 10);
    const create = await chair.op({ op: 'create', meetingId: id, kind: 'onlineCheck', title: `线上核查点调会 ${m + 1}`, agenda: agenda.map((ticketNo) => ({ ticketNo, reasons: ['difficult'] })), invitees: { stations: invited.map((s) => s.code), departments: ['区城管局', '区住建局'], deputies: ['区人大代表'] } });
    if (!create.ok) throw new Error(`r6: meeting not created: ${JSON.stringify(create)}`);
    await chair.op({ op: 'start', meetingId: id });
    held.push({ id, chair, stations: invited, agenda, current: 0 });
  }
  await Promise.all(held.map((h) => h.chair.until((m) => m.id === h.id && m.current === 0)));
  while (held.some((h) => h.stations.some((s) => !s.versions.has(h.id)))) await sleep(20);
  log(`r6: ${o.stations} stations, ${o.meetings} meetings, a wall; ${o.rate} events/s for ${o.seconds} s`);

  const acks = new Acks();
  const callSent = new Map<string, number>();
  const callToAnswer: number[] = [];
  const meetingOp = (c: MeetingClient, body: object) => acks.send(c.socket, 'meeting', { id: randomUUID(), ...body });
  for (const h of held) {
    // The chair sees 收到.
    h.chair.onPatch((p: MeetingPatchPush) => {
      for (const c of p.patch.calls ?? []) {
        const t = c.answeredAt !== null ? callSent.get(c.id) : undefined;
        if (t !== undefined) {
          callToAnswer.push(performance.now() - t);
          callSent.delete(c.id);
        }
      }
    });
    // A station answers a call to it, and the roll-call, as soon as its screen has them.
    for (const s of h.stations)
      s.client.socket.on('meetingPatch', (p: MeetingPatchPush) => {
        if (p.meetingId !== h.id) return;
        for (const c of p.patch.calls ?? []) if (c.stationCode === s.code && c.answeredAt === null) meetingOp(s.client, { meetingId: h.id, op: 'answer', callId: c.id, note: '收到！网格员已在现场。' });
        if (p.patch.set?.rollCallAt) meetingOp(s.client, { meetingId: h.id, op: 'answer', note: '到' });
      });
  }
  const photo = 'data:image/png;base64,' + randomBytes(6000).toString('base64');
  const fire = () => {
    const h = pick(held);
    const ticketNo = h.agenda[h.current]!;
    const r = Math.random();
    if (r < 0.6) {
      const id = randomUUID();
      callSent.set(id, performance.now());
      acks.send(h.chair.socket, 'meeting', { id, meetingId: h.id, op: 'call', stationCode: pick(h.stations).code, ticketNo });
    } else if (r < 0.85) {
      meetingOp(pick(h.stations).client, { meetingId: h.id, op: 'report', ticketNo, note: '网格员已在现场，正在核实', photos: Math.random() < 0.05 ? [photo] : [] });
    } else if (r < 0.97) {
      h.current = (h.current + 1) % h.agenda.length;
      meetingOp(h.chair, { meetingId: h.id, op: 'setCurrent', index: h.current });
    } else if (r < 0.99) {
      acks.send(h.chair.socket, 'action', { id: randomUUID(), kind: 'decide', ticketNo, meetingId: h.id, leadDepartment: '区住建局', coDepartments: ['区城管局'], deadlineAt: Date.now() + 3 * 86_400_000, supervisor: '区人大代表', notes: '限期整改' });
    } else {
      meetingOp(h.chair, { meetingId: h.id, op: 'rollCall' });
    }
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const elapsed = await openLoop(o.rate, o.seconds, () => acks.sent, fire);
  loop.disable();
  await acks.settled();

  // Every participant is at each of its meetings' last version; every full copy equals the hub's stored meeting.
  const final = (await hub.send<{ meetings: Record<string, { version: number; hash: string }> }>(`final ${held.map((h) => h.id).join(' ')}`)).meetings;
  const atVersions = [
    ...held.map((h) => ({ versions: viewerVersions, id: h.id })),
    ...held.map((h, i) => ({ versions: chairVersions[i]!, id: h.id })),
    ...held.flatMap((h) => h.stations.map((s) => ({ versions: s.versions, id: h.id }))),
  ];
  const behind = () => atVersions.filter(({ versions, id }) => (versions.get(id) ?? 0) !== final[id]!.version);
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline && behind().length) await sleep(50);
  const fullCopies = [...held.map((h) => ({ c: viewer, id: h.id })), ...held.map((h) => ({ c: h.chair, id: h.id })), ...held.flatMap((h) => h.stations.filter((s) => s.client.mirror.get(h.id)).map((s) => ({ c: s.client, id: h.id })))];
  const unequal = fullCopies.filter(({ c, id }) => {
    const m = c.mirror.get(id);
    return !m || m.version !== final[id]!.version || canonicalHash(m) !== final[id]!.hash;
  }).length;
  const outOfStep = behind().length + unequal;
  log(`r6: ${atVersions.length} participations at the last version but ${behind().length}; ${fullCopies.length} full copies, ${unequal} unequal to the hub's`);
  const stats = await hub.send<{ cpuPercent: number; rssMiB: number }>('stats');
  const all = [viewer, ...held.map((h) => h.chair), ...stations.map((s) => s.client)];
  const fetches = all.reduce((n, c) => n + c.counts.fetches, 0);
  all.forEach((c) => c.socket.close());
  await hub.send('quit');
  await rm(dir, { recursive: true, force: true });

  const rtt = acks.rtt.sort((a, b) => a - b);
  const calls = callToAnswer.sort((a, b) => a - b);
  const result: MeetingsBenchResult = {
    tls: o.tls ?? false,
    stations: o.stations,
    meetings: o.meetings,
    seconds: o.seconds,
    r6_events: acks.sent,
    r6_events_per_s: round1(acks.sent / elapsed),
    r6_lost_acks: acks.lost,
    r6_ack_p50_ms: round1(percentile(rtt, 0.5)),
    r6_ack_p99_ms: round1(percentile(rtt, 0.99)),
    r6_echo_p99_ms: round1(percentile(echo, 0.99)),
    r6_ack_p99_ratio_vs_echo: round1(percentile(rtt, 0.99) / percentile(echo, 0.99)),
    r6_call_to_answer_p99_ms: round1(percentile(calls, 0.99)),
    r6_unanswered_calls: callSent.size,
    r6_refused: acks.refused,
    r6_out_of_step: outOfStep,
    r6_gap_fetches: fetches,
    r6_hub_cpu_percent: stats.cpuPercent,
    r6_hub_rss_mib: stats.rssMiB,
    r6_client_loop_delay_p99_ms: round1(loop.percentile(99) / 1e6),
  };
  log(`r6: ${JSON.stringify(result)}`);
  return result;
}
