import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTokens } from '../auth';
import { startHub, type Hub } from '../hub-server';

let hub: Hub;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'site-page-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>联动 · 现场连线</title>');
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'not served');
  hub = await startHub({ filename: ':memory:', tokens: generateTokens(), sitePageDir: dir });
});
afterEach(() => hub.close());

describe('the phone page at the hub', () => {
  it('serves the built page at /site/ with a camera-only-here policy and no referrer', async () => {
    const r = await fetch(`${hub.url}/site/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('现场连线');
    expect(r.headers.get('permissions-policy')).toBe('camera=(self), microphone=(self), geolocation=()');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(r.headers.get('cache-control')).toBe('no-store');
    const js = await fetch(`${hub.url}/site/assets/index-abc.js`);
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    // Without its slash the page's ./assets would miss: sent to /site/ (the browser keeps the #key).
    const bare = await fetch(`${hub.url}/site`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/site/']);
  });

  it('serves nothing else of the disk', async () => {
    for (const p of ['/site/secret.txt', '/site/%2e%2e/hub.sqlite', '/site/assets/../secret.txt', '/site/assets/%2e%2e%2fsecret.txt']) {
      expect((await fetch(`${hub.url}${p}`)).status, p).toBe(404);
    }
    expect((await fetch(`${hub.url}/site/`, { method: 'POST' })).status).toBe(404);
  });
});
