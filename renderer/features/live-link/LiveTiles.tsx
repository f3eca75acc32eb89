/**
 * The chair's 现场连线 tiles: every open link of the meeting (at most three), each labelled with its sub-district
 * and ticket, its delay and frame rate, a mark when the connection is poor, and what it is waiting for. A tile
 * clicked is enlarged. The chair speaks to one site at a time (讲话), takes a frame into the site reports (截图),
 * puts a link up on the wall, or ends it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Meeting } from '../../../shared/contract';
import { isOpen, type SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { captureFrame } from './frame-capture';
import { PhoneKey } from './PhoneKey';
import { useLinkReceiver } from './use-link-receiver';
import { useLiveQuery } from '../../app/use-live-query';
import { WallLink } from './WallLink';

export function LiveTiles({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const open = meeting.links.filter(isOpen);
  const [enlarged, setEnlarged] = useState<string>();
  const access = useLiveQuery('app.info', {}, []).data?.access;
  // A read-only wall screen shows only the link the chair put up on the wall, and only receives it.
  if (access === 'wall') return <WallLink meeting={meeting} />;
  if (!open.length || access === undefined) return null;
  return (
    <section className="live-tiles" data-testid="live-tiles" data-count={open.length}>
      <h3>{t('link.title')}</h3>
      <div className={`link-tiles${enlarged && open.some((l) => l.id === enlarged) ? ' has-enlarged' : ''}`}>
        {open.map((l) => (
          <LiveTile key={l.id} meeting={meeting} link={l} enlarged={enlarged === l.id} onToggle={() => setEnlarged((e) => (e === l.id ? undefined : l.id))} />
        ))}
      </div>
    </section>
  );
}

function LiveTile({ meeting, link, enlarged, onToggle }: { meeting: Meeting; link: SiteLink; enlarged: boolean; onToggle: () => void }) {
  const { t, place } = useI18n();
  const client = useClient();
  const { stream, state, figures, micProblem, noPicture } = useLinkReceiver(meeting, link);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  const act = (op: Parameters<typeof client.call<'meetings.act'>>[1]) => client.call('meetings.act', op).catch(reportError);
  const talking = meeting.talkTo === link.id;
  const onWall = meeting.onWall === link.id;
  const bad = state === 'cut' || Boolean(figures?.bad);
  const [snapped, setSnapped] = useState(false);
  const snapshot = () => {
    if (!video.current) return;
    let photo: string;
    try {
      photo = captureFrame(video.current);
    } catch (e) {
      return reportError(e);
    }
    void client
      .call('meetings.act', { op: 'linkFrame', meetingId: meeting.id, linkId: link.id, photo })
      .then(() => {
        setSnapped(true);
        setTimeout(() => setSnapped(false), 4000);
      })
      .catch(reportError);
  };
  return (
    <figure className={`link-tile${enlarged ? ' enlarged' : ''}${bad ? ' bad' : ''}`} data-testid="live-tile" data-link-id={link.id} data-station={link.stationCode} data-state={state}>
      <div className="link-video">
        <video ref={video} autoPlay playsInline onClick={onToggle} data-testid="live-video" />
        {state === 'live' && noPicture && <span className="link-wait" data-testid="live-no-picture">{t('link.noPicture')}</span>}
        {state !== 'live' && <span className="link-wait">{state === 'cut' ? t('link.cut') : state === 'connecting' ? t('link.connecting') : t('link.waitingSite')}</span>}
        {link.via === 'phone' && state !== 'live' && <PhoneKey meetingId={meeting.id} linkId={link.id} />}
      </div>
      <figcaption>
        <span className="link-label">{t('link.tile', { place: place(link.stationCode), ticketNo: link.ticketNo })}</span>
        {figures && state === 'live' && (
          <span className="link-figures" data-testid="live-figures">
            {t('link.figures', { delay: figures.delayMs ?? '–', fps: Math.round(figures.fps) })}
          </span>
        )}
        {bad && (
          <span className="link-bad" data-testid="live-bad">
            {t('link.bad')}
          </span>
        )}
        {snapped && <span className="link-figures" role="status" data-testid="live-snapped">{t('link.snapshotTaken')}</span>}
        {micProblem && talking && <span className="link-bad" data-testid="live-mic-problem">{t(micProblem.reason === 'denied' ? 'linkMedia.micDenied' : `linkMedia.${micProblem.reason}`)}</span>}
      </figcaption>
      <div className="link-buttons">
        <button aria-pressed={enlarged} onClick={onToggle} data-testid="live-enlarge">
          {t('link.enlarge')}
        </button>
        <button aria-pressed={talking} onClick={() => act({ op: 'linkTalk', meetingId: meeting.id, linkId: talking ? null : link.id })} data-testid="live-talk">
          {talking ? t('link.talking') : t('link.talk')}
        </button>
        <button disabled={state !== 'live'} onClick={snapshot} data-testid="live-snapshot">
          {t('link.snapshot')}
        </button>
        <button aria-pressed={onWall} onClick={() => act({ op: 'linkWall', meetingId: meeting.id, linkId: onWall ? null : link.id })} data-testid="live-wall">
          {onWall ? t('link.onWall') : t('link.toWall')}
        </button>
        <button className="danger" onClick={() => act({ op: 'linkEnd', meetingId: meeting.id, linkId: link.id })} data-testid="live-end">
          {t('link.end')}
        </button>
      </div>
    </figure>
  );
}
