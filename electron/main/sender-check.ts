/**
 * Is this IPC message from our own page? Only the main frame of a window we created, showing the
 * renderer we loaded, may speak the contract. (Pure: tested without Electron.)
 */
export type SenderFrameInfo = { url: string; isMainFrame: boolean };

export function isTrustedSender(frame: SenderFrameInfo | null | undefined, appUrl: string): boolean {
  if (!frame || !frame.isMainFrame) return false;
  let got: URL;
  let want: URL;
  try {
    got = new URL(frame.url);
    want = new URL(appUrl);
  } catch {
    return false;
  }
  if (got.protocol !== want.protocol) return false;
  if (want.protocol === 'file:') return got.pathname === want.pathname;
  // app:// is not a scheme URL knows an origin for ("null" for all of them): compare the host.
  if (want.protocol !== 'http:' && want.protocol !== 'https:') return got.host === want.host && got.host !== '';
  return got.origin === want.origin;
}
