import { useEffect, useState } from 'react';
import { dismissToast, subscribeToasts, type Toast } from './errors';
import { describeError } from '../../shared/i18n/catalogue';
import { useI18n } from './i18n';

export function Toasts() {
  const { locale } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => subscribeToasts(setToasts), []);
  if (!toasts.length) return null;
  return (
    <div className="toasts" role="alert">
      {toasts.map((toast) => (
        <button key={toast.id} className="toast" title={toast.error.message} onClick={() => dismissToast(toast.id)}>
          {describeError(locale, toast.error)}
        </button>
      ))}
    </div>
  );
}
