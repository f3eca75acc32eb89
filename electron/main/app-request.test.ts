/** The packaged shell: the renderer from app:// inside its folder only, a dev server only in development,
 * and the fuses electron-builder flips (read back from the builder's config). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, rendererUrl, resolveAppRequest } from './app-request';

const ROOT = '/opt/liandong/resources/app.asar/out/renderer';

describe('app:// requests', () => {
  it('maps app://liandong/… to files inside the renderer folder, with their type', () => {
    expect(resolveAppRequest(ROOT, APP_URL)).toEqual({ ok: true, file: `${ROOT}/index.html`, type: 'text/html; charset=utf-8' });
    expect(resolveAppRequest(ROOT, 'app://liandong/assets/index-abc.js')).toMatchObject({ ok: true, file: `${ROOT}/assets/index-abc.js`, type: 'text/javascript; charset=utf-8' });
    expect(resolveAppRequest(ROOT, 'app://liandong/')).toMatchObject({ ok: true, file: `${ROOT}/index.html` });
  });
  it.each(['app://liandong/../../../etc/passwd', 'app://liandong/%2e%2e/%2e%2e/etc/passwd', 'app://liandong/..%2f..%2fsecret', 'app://liandong/%00'])('never leaves the folder for %s', (url) => {
    const r = resolveAppRequest(ROOT, url);
    expect(!r.ok || r.file.startsWith(ROOT + '/')).toBe(true);
  });
  it.each(['app://liandong/..%2f..%2fsecret', 'app://liandong/%00', 'app://other/index.html', 'file:///etc/passwd', 'https://liandong/index.html'])('refuses %s', (url) => {
    expect(resolveAppRequest(ROOT, url)).toMatchObject({ ok: false });
  });
  it('answers 400 for what is not a URL', () => {
    expect(resolveAppRequest(ROOT, '::::')).toEqual({ ok: false, status: 400 });
  });
});

describe('the renderer URL', () => {
  it('honours ELECTRON_RENDERER_URL only in development', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example:5173/' };
    expect(rendererUrl(true, env)).toBe(APP_URL);
    expect(rendererUrl(false, env)).toBe('http://evil.example:5173/');
    expect(rendererUrl(false, {})).toBe(APP_URL);
  });
});

describe('electron-builder fuses', () => {
  it('turn off RunAsNode, NODE_OPTIONS and the inspector, and turn on ASAR integrity and only-load-from-asar', () => {
    const yml = readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?: {2}.*\n)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(block.trim().split('\n').map((l) => l.trim().split(/:\s*/)).map(([k, v]) => [k, v === 'true']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect(yml).toMatch(/^asar: true$/m);
  });
});
