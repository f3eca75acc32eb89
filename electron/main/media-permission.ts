/**
 * The permission handler's rule — pure, so it is tested without Electron. Everything is refused but the camera
 * and microphone ('media'), and those only: to the app's own origin, from its main frame, and only of the kinds
 * the core says this console needs now (a station sending its site: camera and microphone; the chair with a link
 * open: the microphone).
 */
import type { MediaMoment } from '../core/meetings/media-moment';

export type PermissionAsk = { permission: string; origin: string; isMainFrame: boolean; mediaTypes?: readonly string[] };

export function allowPermission(ask: PermissionAsk, appOrigin: string, moment: MediaMoment): boolean {
  if (ask.permission !== 'media' || !ask.isMainFrame || ask.origin !== appOrigin) return false;
  const types = ask.mediaTypes?.length ? ask.mediaTypes : ['video', 'audio'];
  return types.every((t) => (t === 'video' ? moment.camera : t === 'audio' ? moment.microphone : false));
}
