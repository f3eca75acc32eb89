import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';

describe('window webPreferences', () => {
  it('isolate the page: context isolation and sandbox on, no Node anywhere, no webviews', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      preload: '/p.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
