import { describe, expect, it } from 'vitest';
import { readSiteUrl } from './site-url';

describe('LIANDONG_SITE_URL', () => {
  it('takes an https address (a phone gives the camera to a secure page only), without a trailing slash', () => {
    expect(readSiteUrl({})).toBeUndefined();
    expect(readSiteUrl({ LIANDONG_SITE_URL: 'https://xianchang.chongchuan.gov.cn/' })).toBe('https://xianchang.chongchuan.gov.cn');
    expect(readSiteUrl({ LIANDONG_SITE_URL: 'https://proxy.example:8443/liandong/' })).toBe('https://proxy.example:8443/liandong');
  });

  it('refuses plain http and what is not an address, saying why', () => {
    expect(() => readSiteUrl({ LIANDONG_SITE_URL: 'http://10.0.0.5:7345' })).toThrow(/https/);
    expect(() => readSiteUrl({ LIANDONG_SITE_URL: 'not a url' })).toThrow(/not an address/);
  });
});
