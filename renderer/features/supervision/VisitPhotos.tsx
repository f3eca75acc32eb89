/** A site visit's photos, fetched from the hub by id (offline: a placeholder that says so). */
import { useEffect, useState } from 'react';
import { useClient } from '../../app/client-context';
import { useI18n } from '../../app/i18n';

function Photo({ id }: { id: string }) {
  const client = useClient();
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>();
  useEffect(() => {
    let alive = true;
    client.call('supervision.photo', { id }).then((p) => alive && setSrc(p.dataUrl), () => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [client, id]);
  if (src === null) return <span className="site-photo placeholder" title={t('sup.photoOffline')} />;
  return src ? <img className="site-photo" src={src} alt="" data-testid="sup-photo" /> : <span className="site-photo placeholder" />;
}

export function VisitPhotos({ ids }: { ids: readonly string[] }) {
  return (
    <span className="sup-photos">
      {ids.map((id) => (
        <Photo key={id} id={id} />
      ))}
    </span>
  );
}
