/**
 * A station's 现场连线: each open link to its own site — for a console link, 开始连线 sends this console's camera
 * and microphone (asked for only then) and plays the chair's voice; for a phone link, the one-time link for the
 * grid worker's phone. What the browser or the system refuses is said in words, never a black preview.
 */
import { useEffect, useRef } from 'react';
import type { Meeting } from '../../../shared/contract';
import { isOpen, type SiteLink } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { PhoneKey } from './PhoneKey';
import { useSiteSender } from './use-site-sender';
import { useLiveQuery } from '../../app/use-live-query';

export function StationLinks({ meeting, stationCode }: { meeting: Meeting; stationCode: string }) {
  const links = meeting.links.filter((l) => isOpen(l) && l.stationCode === stationCode);
  // The station's desk sends its site; a read-only wall screen of the station does not.
  const desk = useLiveQuery('app.info', {}, []).data?.access === 'desk';
  if (!links.length || !desk) return null;
  return (
    <section className="station-links" data-testid="station-links">
      {links.map((l) => (l.via === 'console' ? <ConsoleSite key={l.id} meeting={meeting} link={l} /> : <PhoneSite key={l.id} meeting={meeting} link={l} />))}
    </section>
  );
}

function EndLink({ meeting, link }: { meeting: Meeting; link: SiteLink }) {
  const { t } = useI18n();
  const client = useClient();
  return (
    <button className="danger" onClick={() => client.call('meetings.act', { op: 'linkEnd', meetingId: meeting.id, linkId: link.id }).catch(reportError)} data-testid="station-link-end">
      {t('link.end')}
    </button>
  );
}

function ConsoleSite({ meeting, link }: { meeting: Meeting; link: SiteLink }) {
  const { t } = useI18n();
  const sent = useSiteSender(meeting.id, link);
  const preview = useRef<HTMLVideoElement>(null);
  const voice = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (preview.current) preview.current.srcObject = sent.preview;
  }, [sent.preview]);
  useEffect(() => {
    if (voice.current) voice.current.srcObject = sent.voice;
  }, [sent.voice]);
  const talking = meeting.talkTo === link.id;
  return (
    <div className="incoming-call site-link" data-testid="station-link" data-link-id={link.id} data-sending={sent.sending}>
      <p className="big">{t('link.requested', { ticketNo: link.ticketNo })}</p>
      {sent.sending ? (
        <>
          <video ref={preview} autoPlay playsInline muted className="site-preview" />
          <p data-testid="station-link-state">{sent.state?.cut ? t('link.cut') : sent.state?.connected ? t('link.sending') : t('link.connecting')}</p>
        </>
      ) : (
        <button className="primary" onClick={() => void sent.start()} data-testid="station-link-start">
          {t('link.start')}
        </button>
      )}
      {sent.problem && (
        <p className="error" role="alert" data-testid="station-link-problem" data-reason={sent.problem.reason}>
          {t(`linkMedia.${sent.problem.reason}`)}
        </p>
      )}
      {talking && <p className="talking" data-testid="station-chair-speaking">🔊 {t('link.chairSpeaking')}</p>}
      {/* Only the chair's voice, and only while the chair speaks to this site (a wall's receiver sends none). */}
      <audio ref={voice} autoPlay muted={!talking} data-testid="station-voice" />
      <EndLink meeting={meeting} link={link} />
    </div>
  );
}

function PhoneSite({ meeting, link }: { meeting: Meeting; link: SiteLink }) {
  const { t } = useI18n();
  return (
    <div className="incoming-call site-link" data-testid="station-phone-link" data-link-id={link.id}>
      <p className="big">{t('link.requested', { ticketNo: link.ticketNo })}</p>
      {link.live ? <p>{t('link.live')}</p> : <PhoneKey meetingId={meeting.id} linkId={link.id} />}
      <EndLink meeting={meeting} link={link} />
    </div>
  );
}
