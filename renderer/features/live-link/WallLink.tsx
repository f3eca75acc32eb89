/**
 * The link the chair put up on the wall: the site's video over the wall's view, labelled with its sub-district
 * and ticket, large enough to read from the back of the room; a wall screen only receives (no voice goes back).
 */
import { useEffect, useRef } from 'react';
import type { Meeting } from '../../../shared/contract';
import { useI18n } from '../../app/i18n';
import { useLinkReceiver } from './use-link-receiver';

export function WallLink({ meeting }: { meeting: Meeting }) {
  const link = meeting.links.find((l) => l.id === meeting.onWall && l.endedAt === null);
  return link ? <WallLinkVideo key={link.id} meeting={meeting} linkId={link.id} /> : null;
}

function WallLinkVideo({ meeting, linkId }: { meeting: Meeting; linkId: string }) {
  const { t, place } = useI18n();
  const link = meeting.links.find((l) => l.id === linkId)!;
  // On the chair's desk this is the tile's own receiver (kept across views: one receiver per link and page); on a
  // wall screen, a receiver of its own that only receives.
  const { stream, state } = useLinkReceiver(meeting, link);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <aside className="wall-link" data-testid="wall-link" data-state={state} aria-label={t('link.title')}>
      <video ref={video} autoPlay playsInline muted />
      <p className="wall-link-label">
        {t('link.title')} · {t('link.tile', { place: place(link.stationCode), ticketNo: link.ticketNo })}
        {state === 'cut' && <span className="link-bad"> {t('link.cut')}</span>}
      </p>
    </aside>
  );
}
