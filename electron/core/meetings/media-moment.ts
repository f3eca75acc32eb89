/**
 * When this console may use the camera and the microphone (the Electron shell's permission handler allows them
 * only then, and refuses everything else): a station while a console link to its own site is open (it sends the
 * site's picture and sound); the command centre's desk while the chair speaks to a site whose link is open in a
 * meeting under way (the microphone only).
 */
import type { Meeting } from '../../../shared/hub-meeting';
import { isOpen } from '../../../shared/live-link';

export type MediaMoment = { camera: boolean; microphone: boolean };
export const NO_MEDIA: MediaMoment = { camera: false, microphone: false };

export function mediaMoment(meetings: readonly Meeting[], role: 'console' | 'station', stationCode: string | null): MediaMoment {
  const open = meetings.filter((m) => m.endedAt === null).flatMap((m) => m.links.filter(isOpen));
  if (role === 'station') {
    const sending = open.some((l) => l.via === 'console' && l.stationCode === stationCode);
    return { camera: sending, microphone: sending };
  }
  const speaking = meetings.some((m) => m.endedAt === null && m.talkTo !== null && m.links.some((l) => l.id === m.talkTo && isOpen(l)));
  return { camera: false, microphone: speaking };
}
