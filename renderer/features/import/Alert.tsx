/** A refusal or failure said beside the control it is about (settings' error style, announced to screen readers). */
import type { ReactNode } from 'react';

export function Alert({ children, testId, title }: { children: ReactNode; testId?: string; title?: string }) {
  return (
    <p className="settings-error" role="alert" data-testid={testId} title={title}>
      {children}
    </p>
  );
}
