/**
 * 现场连线 area of the contract: a screen's signalling for the live links it is an end of (relayed by the console
 * to the hub and back), the ICE servers, and one-time site links for phones. The media themselves flow between
 * the screens (WebRTC); the link's start, state and end are meeting operations (`meetings.act`).
 */
import { z } from 'zod';
import { IceServer, LinkSignalPush, LinkSignalRequest, SiteKeyRequest } from '../live-link';

export { LinkSignalPush, LinkSignalRequest };

export const linkMethods = {
  /** An offer, answer or candidate for the other end of a link (a wall screen: for the link up on the wall only). */
  'links.signal': { input: LinkSignalRequest, output: z.object({ delivered: z.number().int().nonnegative() }) },
  /** The ICE servers to use (the district's TURN with expiring credentials, or none). */
  'links.ice': { input: z.object({}), output: z.object({ iceServers: z.array(IceServer), expiresAt: z.number().int().nullable() }) },
  /** A one-time site link for a phone link: the address to open on the phone (shown as a QR code and as text). */
  'links.siteKey': { input: SiteKeyRequest, output: z.object({ url: z.string().max(400), expiresAt: z.number().int() }) },
};

export const linkEvents = {
  /** Signalling for this console's screens; each takes what is addressed to its own leg (or to every receiver). */
  'links.signal': LinkSignalPush,
};
