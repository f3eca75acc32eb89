/**
 * An HTTP request target as a URL, for servers that must never throw on what a client sends.
 * Only origin-form targets (`/path?query`) are paths; `//`, `*`, absolute forms and garbage are not.
 */
export function requestPath(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://origin-form');
  } catch {
    return undefined;
  }
}

/** Loopback, the only place plain http may go (tokens and citizens' data never cross a network in clear). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
