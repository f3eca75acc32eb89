import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../shared/i18n/catalogue';
import { IMPORT_FIELDS } from '../../../shared/import/fields';
import { fileText, formatBytes } from './file-text';
import { refusedReasonText } from './RefusedReason';

describe('the import screens’ words', () => {
  it('name every importable field in both languages', () => {
    for (const f of IMPORT_FIELDS) expect(CATALOGUE[`import.field.${f}`], f).toHaveLength(2);
  });

  it('say why a row was refused from import.refused.*, a whole-file reason from err.*, and an unknown one as it is', () => {
    expect(refusedReasonText('zh-CN', { reason: 'badTime', params: { value: '昨天上午' } })).toBe('无法识别的时间「昨天上午」');
    expect(refusedReasonText('en', { reason: 'badTime', params: { value: '昨天上午' } })).toBe('Unreadable time “昨天上午”');
    expect(refusedReasonText('zh-CN', { reason: 'import.oldExcel' })).toBe(CATALOGUE['err.import.oldExcel'][0]);
    expect(refusedReasonText('en', { reason: 'somethingNew' })).toBe('Not imported (somethingNew)');
  });

  it('read a chosen gazetteer file as UTF-8, or as GBK when it is not UTF-8', async () => {
    const text = '名称,经度,纬度\n景华城,120.86,32.02\n';
    expect(await fileText(new Blob([new Uint8Array(Buffer.from(text, 'utf8'))]))).toBe(text);
    expect(await fileText(new Blob([new Uint8Array(iconv.encode(text, 'gbk'))]))).toBe(text);
  });

  it('give sizes as a person reads them', () => {
    expect([formatBytes(812), formatBytes(7 * 1024 + 100), formatBytes(3.46 * 1024 ** 2), formatBytes(31.4 * 1024 ** 2), formatBytes(2.5 * 1024 ** 3)]).toEqual(['812 B', '7 KB', '3.5 MB', '31 MB', '2.5 GB']);
  });
});
