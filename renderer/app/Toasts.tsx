import { useEffect, useState } from 'react';
import { dismissToast, subscribeToasts, type Toast } from './errors';
import { useI18n } from './i18n';

export function Toasts() {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => subscribeToasts(setToasts), []);
  if (!toasts.length) return null;
  return (
    <div className="toasts" role="alert">
      {toasts.map((toast) => (
        <button key={toast.id} className="toast" onClick={() => dismissToast(toast.id)}>
          {t(toast.key, toast.params ?? { message: toast.message })}
        </button>
      ))}
    </div>
  );
}
