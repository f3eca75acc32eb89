/**
 * The grid worker's phone page of 现场连线, served by the hub at /site/#<one-time key>. It joins the hub's site
 * namespace with the key and the phone's own id (kept in this browser, so the same phone comes back after it was
 * locked), shows which sub-district and ticket the link is for, and sends the camera and microphone to the chair
 * when the worker presses 开始连线 — asking for them only then. What the phone or the hub refuses is said on screen.
 */
import { io } from 'socket.io-client';
import { SITE_NAMESPACE, type LinkSignalBody, type LinkSignalPush, type SiteLinkState } from '../../shared/live-link';
import { SiteSender, type SiteSenderState } from '../features/live-link/site-sender';
import { mediaProblem } from '../features/live-link/media-problem';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const banner = $('banner');
const say = (text: string, bad = false) => {
  banner.textContent = text;
  banner.classList.toggle('bad', bad);
};

function deviceId(): string {
  const known = localStorage.getItem('liandong.site.device');
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  localStorage.setItem('liandong.site.device', id);
  return id;
}

/** The key from the fragment; '' when it cannot be read (a link cut short when copied). */
function keyOf(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return '';
  }
}
const key = keyOf(location.hash);
let state: SiteLinkState | undefined;
let sender: SiteSender | undefined;
let stream: MediaStream | undefined;
let facing: 'environment' | 'user' = 'environment';
let muted = false;
let ended = false;

// The hub's address as the phone reached it, with any path a reverse proxy puts before /site/ (LIANDONG_SITE_URL).
const base = location.pathname.replace(/\/site\/.*$/, '').replace(/\/site$/, '');
const socket = io(location.origin + SITE_NAMESPACE, { path: `${base}/socket.io`, auth: { key, device: deviceId() }, transports: ['websocket'] });
const send = (to: string, signal: LinkSignalBody) => socket.timeout(10_000).emitWithAck('signal', { to, signal });

function showState(s: SiteLinkState): void {
  state = s;
  $('station').textContent = `${s.stationName} · 现场连线`;
  $('ticket').textContent = `工单 ${s.ticketNo}${s.category ? ` · ${s.category}` : ''}`;
  $('place').textContent = s.place;
  $('talking').hidden = !s.talking;
  // Sound from a receiver is played only while the chair speaks to this site.
  $<HTMLAudioElement>('voice').muted = !s.talking;
  if (s.endedAt !== null) finish('连线已结束，感谢配合');
}

function showSender(s: SiteSenderState): void {
  if (ended) return;
  if (s.cut) say('连线中断，正在自动重连…', true);
  else if (s.connected > 0) say('已连线：区指挥中心正在观看');
  else if (s.receivers > 0) say('正在接通…');
  else say('等待区指挥中心接入…');
}

async function camera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('insecure'), { name: 'SecurityError' });
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: facing, width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
}

async function start(): Promise<void> {
  $<HTMLButtonElement>('start').disabled = true;
  try {
    stream = await camera();
  } catch (e) {
    $<HTMLButtonElement>('start').disabled = false;
    return say(mediaProblem(e).zh, true);
  }
  $<HTMLVideoElement>('preview').srcObject = stream;
  sender = new SiteSender(stream, {
    send,
    iceServers: () => state?.iceServers ?? [],
    onVoice: (voice) => void ($<HTMLAudioElement>('voice').srcObject = voice),
    onState: showSender,
    onError: (e) => console.warn('live link', e),
  });
  $('start').hidden = true;
  for (const id of ['end', 'mute']) $(id).hidden = false;
  // 切换摄像头 only where there are two cameras.
  void navigator.mediaDevices.enumerateDevices().then((ds) => ($('switch').hidden = ds.filter((d) => d.kind === 'videoinput').length < 2));
  showSender({ receivers: 0, connected: 0, cut: false });
  await sender.start();
}

async function switchCamera(): Promise<void> {
  if (!sender || !stream) return;
  const was = facing;
  const want = facing === 'environment' ? 'user' : 'environment';
  // Many phones cannot open both cameras at once: the one in use is stopped first, the sound kept.
  const audio = stream.getAudioTracks();
  stream.getVideoTracks().forEach((t) => t.stop());
  const video = async (f: typeof facing | null) =>
    (await navigator.mediaDevices.getUserMedia({ video: { ...(f ? { facingMode: { exact: f } } : {}), width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } }, audio: false })).getVideoTracks()[0]!;
  let track: MediaStreamTrack | undefined;
  for (const f of [want, was, null] as (typeof facing | null)[]) {
    try {
      track = await video(f);
      if (f) facing = f;
      break;
    } catch (e) {
      if (f === want) say(mediaProblem(e).zh, true);
    }
  }
  // No camera would open again: say so (the chair's tile says the picture stopped).
  if (!track) return;
  const next = new MediaStream([track, ...audio]);
  stream = next;
  $<HTMLVideoElement>('preview').srcObject = next;
  await sender.replaceStream(next);
}

function toggleMute(): void {
  muted = !muted;
  stream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? '取消静音' : '静音';
}

function finish(text: string): void {
  ended = true;
  void sender?.stop();
  sender = undefined;
  stream?.getTracks().forEach((t) => t.stop());
  for (const id of ['start', 'end', 'switch', 'mute']) $(id).hidden = true;
  $('talking').hidden = true;
  say(text);
}

socket.on('link', (s: SiteLinkState) => showState(s));
// Let go by the hub with its reason (a newer link replaced this one): said, and the picture stopped.
socket.on('refused', (r: { error?: { message?: string } }) => finish(String(r.error?.message ?? '连线已结束').replace(/ \(.*\)$/, '')));
socket.on('signal', (p: LinkSignalPush) => void sender?.handle(p));
socket.on('connect', () => {
  if (ended) return;
  if (!sender) return say('请按“开始连线”，把现场画面传给区指挥中心');
  // Back after a cut or a lock: restart ICE where needed, and tell the receivers the site is up.
  sender.reconnected();
  void sender.start();
});
socket.on('disconnect', (reason) => {
  if (ended) return;
  say('网络中断，正在重连…', true);
  // Let go by the hub (a restart, a key replaced, the time over): socket.io does not come back by itself. Back in a
  // moment: the hub takes the phone again, or refuses it with the reason.
  if (reason === 'io server disconnect') setTimeout(() => !ended && socket.connect(), 2000 + Math.random() * 2000);
});
socket.on('connect_error', (e) => {
  // A refusal by the hub (expired, taken, replaced, ended) is final; a network error is retried by socket.io, and
  // so is a hub that could not check the key just now.
  if (socket.active) return say('网络中断，正在重连…', true);
  const [, reason = '', text = e.message] = /^([a-zA-Z]+): (.*)$/.exec(e.message) ?? [];
  if (reason === 'internal' || reason === 'unavailable') {
    say(reason === 'internal' ? '暂时无法核对连线链接，正在重试…' : '尝试次数过多，一分钟后自动重试…', true);
    return void setTimeout(() => !ended && socket.connect(), reason === 'internal' ? 5000 : 60_000);
  }
  finish(text.replace(/ \(.*\)$/, ''));
});

$('start').addEventListener('click', () => void start());
$('end').addEventListener('click', () => {
  // One stray tap would end the link for good (the chair would need a new link and a new QR code).
  if (!window.confirm('结束本次现场连线？')) return;
  void socket.timeout(10_000).emitWithAck('end', {}).catch(() => undefined);
  finish('连线已结束，感谢配合');
});
// The page closed or reloaded: the chair's tiles are told at once (not after a minute of silence).
window.addEventListener('pagehide', () => void sender?.stop());
$('switch').addEventListener('click', () => void switchCamera());
$('mute').addEventListener('click', toggleMute);
document.addEventListener('visibilitychange', () => {
  // A phone unlocked: the socket reconnects by itself; peers that went quiet restart ICE.
  if (document.visibilityState === 'visible' && socket.connected) sender?.reconnected();
});
if (!key) finish('连线链接无效：请重新扫描二维码');
