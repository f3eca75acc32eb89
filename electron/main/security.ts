/**
 * App-wide hardening from Electron's security checklist: sandbox everywhere, no navigation away from
 * our page, no new windows, no webviews, every permission refused but the camera and microphone of 现场连线
 * (media-permission.ts: our origin only, in the moments the core says), a Content-Security-Policy header.
 */
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../webhost/static-files';
import type { MediaMoment } from '../core/meetings/media-moment';
import { allowPermission } from './media-permission';

export function hardenApp(isAppUrl: (url: string) => boolean, log: (line: string) => void): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) {
        e.preventDefault();
        log(`blocked navigation to ${url}`);
      }
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log(`blocked window.open(${url})`);
      return { action: 'deny' };
    });
  });
}

/** Call after 'ready': session-level policies. */
export function hardenSession(log: (line: string) => void, appUrl: string, media: () => MediaMoment): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = allowPermission({ permission, url: details.requestingUrl ?? '', isMainFrame: details.isMainFrame, mediaTypes }, appUrl, media());
    if (!allowed) log(`refused permission request: ${permission}${mediaTypes.length ? ` (${mediaTypes.join(', ')})` : ''}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermission({ permission, url: requestingOrigin, isMainFrame: details.isMainFrame ?? false, mediaTypes: details.mediaType ? [details.mediaType] : [] }, appUrl, media()),
  );
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
