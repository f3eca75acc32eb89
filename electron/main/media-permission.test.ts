import { describe, expect, it } from 'vitest';
import { allowPermission } from './media-permission';

// What the packaged app loads (app-request.ts), and what Chromium hands the two handlers: the page's URL to the
// request handler, the origin's serialisation to the check handler.
const APP = 'app://liandong/index.html';
const PAGE = 'app://liandong/index.html?role=station';
const ORIGIN = 'app://liandong';
const station = { camera: true, microphone: true };
const chair = { camera: false, microphone: true };
const none = { camera: false, microphone: false };

describe('the shell’s permission rule', () => {
  it('lets a station sending its site have camera and microphone, the chair speaking to a site the microphone only', () => {
    for (const url of [PAGE, ORIGIN]) {
      expect(allowPermission({ permission: 'media', url, isMainFrame: true, mediaTypes: ['video', 'audio'] }, APP, station)).toBe(true);
      expect(allowPermission({ permission: 'media', url, isMainFrame: true, mediaTypes: ['audio'] }, APP, chair)).toBe(true);
      expect(allowPermission({ permission: 'media', url, isMainFrame: true, mediaTypes: ['video', 'audio'] }, APP, chair)).toBe(false);
      expect(allowPermission({ permission: 'media', url, isMainFrame: true }, APP, chair)).toBe(false);
    }
  });

  it('refuses pages with an opaque origin (their origins all read "null", as app:// does to URL)', () => {
    expect(new URL(APP).origin).toBe('null');
    for (const url of ['data:text/html,<p>x', 'about:blank', 'file:///etc/passwd', 'blob:null/1', 'null', '', 'app://other/index.html', 'app://']) {
      expect(allowPermission({ permission: 'media', url, isMainFrame: true, mediaTypes: ['audio'] }, APP, station), url).toBe(false);
    }
  });

  it('refuses outside those moments, to other origins and frames, and every other permission', () => {
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: true, mediaTypes: ['audio'] }, APP, none)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] }, APP, station)).toBe(false);
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: false, mediaTypes: ['audio'] }, APP, station)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midi', 'openExternal']) {
      expect(allowPermission({ permission, url: PAGE, isMainFrame: true }, APP, station)).toBe(false);
    }
  });

  it('the dev server: the same origin only', () => {
    const dev = 'http://localhost:5173/';
    expect(allowPermission({ permission: 'media', url: 'http://localhost:5173', isMainFrame: true, mediaTypes: ['audio'] }, dev, chair)).toBe(true);
    expect(allowPermission({ permission: 'media', url: 'http://localhost:5174', isMainFrame: true, mediaTypes: ['audio'] }, dev, chair)).toBe(false);
  });
});
