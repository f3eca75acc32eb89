/** 导出纪要: writes the meeting's minutes (Markdown and PDF) and says where. */
import { useState } from 'react';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function MinutesButton({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [result, setResult] = useState<{ markdownPath: string; pdfPath: string | null; pdfError: string | null }>();
  return (
    <span className="minutes">
      <button onClick={() => client.call('meetings.minutes', { meetingId }).then(setResult, reportError)} data-testid="meeting-minutes">
        {t('meeting.minutes')}
      </button>
      {result && (
        <span className="muted small" data-testid="minutes-result">
          {t('meeting.minutesWritten', { files: [result.markdownPath, result.pdfPath].filter(Boolean).join(' · ') })}
          {result.pdfError && <span className="settings-error"> {result.pdfError}</span>}
        </span>
      )}
    </span>
  );
}
