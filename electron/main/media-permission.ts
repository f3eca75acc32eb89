/**
 * The permission handler's rule — pure, so it is tested without Electron. Everything is refused but the camera
 * and microphone ('media'), and those only: to the app's own page (the URL the shell loaded: the same scheme and
 * host for app://, the same file for file://, the same origin for the dev server — as the IPC sender check), from
 * its main frame, and only of the kinds the core says this console needs now (a station sending its site: camera
 * and microphone; the chair speaking to a site: the microphone). An address that cannot be read is refused.
 */
import type { MediaMoment } from '../core/meetings/media-moment';
import { isTrustedSender } from './sender-check';

/** `url`: the requesting page's URL, or the requesting origin (Chromium's serialisation, e.g. "app://liandong"). */
export type PermissionAsk = { permission: string; url: string; isMainFrame: boolean; mediaTypes?: readonly string[] };

export function allowPermission(ask: PermissionAsk, appUrl: string, moment: MediaMoment): boolean {
  if (ask.permission !== 'media' || !ask.isMainFrame || !ownPage(ask.url, appUrl)) return false;
  const types = ask.mediaTypes?.length ? ask.mediaTypes : ['video', 'audio'];
  return types.every((t) => (t === 'video' ? moment.camera : t === 'audio' ? moment.microphone : false));
}

/** A URL or an origin of the app's own page. An origin of a file:// page has no path: it is refused. */
function ownPage(url: string, appUrl: string): boolean {
  return isTrustedSender({ url, isMainFrame: true }, appUrl);
}
