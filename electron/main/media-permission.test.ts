import { describe, expect, it } from 'vitest';
import { allowPermission } from './media-permission';

const APP = 'app://liandong';
const station = { camera: true, microphone: true };
const chair = { camera: false, microphone: true };
const none = { camera: false, microphone: false };

describe('the shell’s permission rule', () => {
  it('lets a station sending its site have camera and microphone, the chair with a link open the microphone only', () => {
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['video', 'audio'] }, APP, station)).toBe(true);
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['audio'] }, APP, chair)).toBe(true);
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['video', 'audio'] }, APP, chair)).toBe(false);
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: true }, APP, chair)).toBe(false);
  });

  it('refuses outside those moments, to other origins and frames, and every other permission', () => {
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['audio'] }, APP, none)).toBe(false);
    expect(allowPermission({ permission: 'media', origin: 'https://evil.example', isMainFrame: true, mediaTypes: ['audio'] }, APP, station)).toBe(false);
    expect(allowPermission({ permission: 'media', origin: APP, isMainFrame: false, mediaTypes: ['audio'] }, APP, station)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midi', 'openExternal']) {
      expect(allowPermission({ permission, origin: APP, isMainFrame: true }, APP, station)).toBe(false);
    }
  });
});
