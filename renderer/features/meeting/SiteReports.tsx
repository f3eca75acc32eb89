/** What the stations reported from the site on one ticket: notes, and photos fetched from the hub. */
import { useEffect, useState } from 'react';
import type { Meeting } from '../../../shared/contract';

import { useClient } from '../../app/client-context';
import { formatClock } from '../../app/format';
import { DataText, OrgName } from '../../app/DataText';
import { useI18n } from '../../app/i18n';

function Photo({ meetingId, photoId }: { meetingId: string; photoId: string }) {
  const client = useClient();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let alive = true;
    client.call('meetings.photo', { meetingId, photoId }).then((p) => alive && setSrc(p.dataUrl), () => undefined);
    return () => {
      alive = false;
    };
  }, [client, meetingId, photoId]);
  return src ? <img className="site-photo" src={src} alt="" /> : <span className="site-photo placeholder" />;
}

/** A frame of a live link the chair took (the hub notes it as 现场连线截图 HH:MM:SS（who）): who took it. */
const snapshotBy = (note: string): string | undefined => /^现场连线截图 \d\d:\d\d:\d\d（(.+)）$/.exec(note)?.[1];

export function SiteReports({ meeting, ticketNo }: { meeting: Meeting; ticketNo: string }) {
  const { t, place } = useI18n();
  const reports = meeting.reports.filter((r) => r.ticketNo === ticketNo);
  if (!reports.length) return null;
  return (
    <section className="site-reports" data-testid="site-reports">
      <h3>{t('meeting.reports')}</h3>
      {reports.map((r) => (
        <div key={r.id} className="site-report" data-testid="site-report">
          <span className="muted">
            {place(r.stationCode)} · {formatClock(r.at)}
          </span>
          <p>{snapshotBy(r.note) !== undefined ? <>{t('link.snapshotReport')} (<OrgName name={snapshotBy(r.note)!} />)</> : <DataText>{r.note}</DataText>}</p>
          {r.photoIds.map((p) => (
            <Photo key={p} meetingId={meeting.id} photoId={p} />
          ))}
        </div>
      ))}
    </section>
  );
}
