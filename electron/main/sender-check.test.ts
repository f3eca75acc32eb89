import { describe, expect, it } from 'vitest';
import { APP_URL } from './app-request';
import { isTrustedSender } from './sender-check';

const APP = APP_URL;

describe('IPC sender check', () => {
  it('trusts only the main frame of our own page (app://liandong)', () => {
    expect(APP).toBe('app://liandong/index.html');
    expect(isTrustedSender({ url: APP, isMainFrame: true }, APP)).toBe(true);
    expect(isTrustedSender({ url: `${APP}?lang=en#x`, isMainFrame: true }, APP)).toBe(true);
  });
  it.each([
    ['a sub-frame of our page', { url: APP, isMainFrame: false }],
    ['a local file', { url: 'file:///tmp/evil.html', isMainFrame: true }],
    ['another app:// host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['another scheme with our host', { url: 'evil://liandong/index.html', isMainFrame: true }],
    ['a web page', { url: 'https://example.com/', isMainFrame: true }],
    ['a data URL', { url: 'data:text/html,hi', isMainFrame: true }],
    ['an unparsable URL', { url: '::::', isMainFrame: true }],
    ['no frame (navigated or destroyed)', null],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame, APP)).toBe(false);
  });
  it('with a dev server, trusts its origin only', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/x', isMainFrame: true }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173/')).toBe(false);
  });
});
