/**
 * 导出纪要: writes the meeting's minutes (Markdown and PDF). In the desktop app it says where they are; in a
 * browser (web host) the files are on the console's disk, not the reader's: it offers them as downloads.
 */
import { useEffect, useState } from 'react';
import type { MinutesExport } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { downloadUrl } from '../../app/download-url';

export function MinutesButton({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const host = useLiveQuery('app.info', {}, []).data?.host;
  const [result, setResult] = useState<MinutesExport>();
  const [links, setLinks] = useState<{ name: string; url: string; pdf: boolean }[]>([]);
  useEffect(() => {
    if (!result || host !== 'webhost') return;
    const made = result.downloads.map((f) => ({ name: f.name, url: downloadUrl(f), pdf: f.mime === 'application/pdf' }));
    setLinks(made);
    return () => made.forEach((l) => URL.revokeObjectURL(l.url));
  }, [result, host]);
  return (
    <span className="minutes">
      <button onClick={() => client.call('meetings.minutes', { meetingId }).then(setResult, reportError)} data-testid="meeting-minutes">
        {t('meeting.minutes')}
      </button>
      {result && host === 'webhost' && (
        <span className="minutes-downloads" data-testid="minutes-result">
          {links.map((l) => (
            <a key={l.url} className="button" href={l.url} download={l.name} data-testid={l.pdf ? 'minutes-download-pdf' : 'minutes-download-md'}>
              {t(l.pdf ? 'meeting.downloadPdf' : 'meeting.downloadMarkdown')}
            </a>
          ))}
          {result.pdfError && <span className="settings-error"> {result.pdfError}</span>}
        </span>
      )}
      {result && host !== 'webhost' && (
        <span className="muted small" data-testid="minutes-result">
          {t('meeting.minutesWritten', { files: [result.markdownPath, result.pdfPath].filter(Boolean).join(' · ') })}
          {result.pdfError && <span className="settings-error"> {result.pdfError}</span>}
        </span>
      )}
    </span>
  );
}
