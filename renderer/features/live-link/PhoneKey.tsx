/**
 * A phone link's one-time site link, for the grid worker to open: a QR code and the address as text, how long it
 * may be opened, and 重新生成链接. Made only when asked for (生成二维码): a new link replaces the old one and lets
 * a phone holding it go, so neither a screen reloading nor the chair's and the station's screens showing the same
 * link may make one by themselves.
 */
import QRCode from 'qrcode';
import { useCallback, useState } from 'react';
import { SITE_KEY_TTL_MS } from '../../../shared/live-link';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function PhoneKey({ meetingId, linkId }: { meetingId: string; linkId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [key, setKey] = useState<{ url: string; qr: string }>();
  const issue = useCallback(async () => {
    const { url } = await client.call('links.siteKey', { meetingId, linkId });
    setKey({ url, qr: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) });
  }, [client, meetingId, linkId]);
  if (!key) {
    return (
      <span className="phone-key">
        <button onClick={() => void issue().catch(reportError)} data-testid="phone-make-key">
          {t('link.makeKey')}
        </button>
      </span>
    );
  }
  return (
    <span className="phone-key" data-testid="phone-key">
      <img src={key.qr} alt={key.url} width={160} height={160} />
      <span className="small">{t('link.phoneQr', { minutes: SITE_KEY_TTL_MS / 60_000 })}</span>
      <span className="small">
        {t('link.phoneUrl')} <code data-testid="phone-url">{key.url}</code>
      </span>
      <button className="small" onClick={() => void issue().catch(reportError)} data-testid="phone-new-key">
        {t('link.newKey')}
      </button>
    </span>
  );
}
