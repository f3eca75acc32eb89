import { describe, expect, it } from 'vitest';
import { parseBeijingTime } from './beijing-time';
import { categoryKey, DEFAULT_CATEGORY_MAP, lookUpCategory, suggestCategory } from './category-map';
import { guessColumns, headerKey } from './header-synonyms';
import { maskedCaller, maskName, maskPhone } from './mask';
import { communityOf, coordinatesOf, Gazetteer, place, subDistrictInAddress, subDistrictOfName } from './places';
import { satisfactionOfWord, statusOfWord } from './value-words';
import { missingFields } from './fields';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('times as exports write them, in Beijing time', () => {
  it.each([
    ['2026/11/28 09:15', at(2026, 11, 28, 9, 15)],
    ['2026-11-28 09:15:33', at(2026, 11, 28, 9, 15, 33)],
    ['2026.11.28 9:05', at(2026, 11, 28, 9, 5)],
    ['2026年11月28日 09时15分', at(2026, 11, 28, 9, 15)],
    ['２０２６／１１／２８　０９：１５', at(2026, 11, 28, 9, 15)],
    ['2026-11-28', at(2026, 11, 28)],
    ['20261128091500', at(2026, 11, 28, 9, 15)],
    ['2026-11-28T01:15:00Z', Date.UTC(2026, 10, 28, 1, 15)],
    ['46354.385416666664', at(2026, 11, 28, 9, 15)],
  ])('%s', (text, ms) => expect(parseBeijingTime(text)).toBe(ms));
  it('Excel serial days from a workbook cell, and a Date whose UTC fields are the wall-clock time', () => {
    expect(parseBeijingTime(46354.385416666664)).toBe(at(2026, 11, 28, 9, 15));
    expect(parseBeijingTime(new Date(Date.UTC(2026, 10, 28, 9, 15)))).toBe(at(2026, 11, 28, 9, 15));
  });
  it.each(['昨天上午', '2026-02-30 10:00', '2026/13/01', '25:00', '12345', ''])('refuses %j', (t) => expect(parseBeijingTime(t)).toBeNull());
});

describe('callers masked at import', () => {
  it('keeps the surname and a phone’s first three and last four digits', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+86 13812345678')).toBe('138****5678');
    expect(maskPhone('0513-85123456')).toBe('0513****3456');
    expect(maskPhone('12')).toBe('****');
    expect(maskedCaller('王**', '138****5678')).toBe('王** 138****5678');
    expect(maskedCaller('', '')).toBe('');
  });
});

describe('places', () => {
  it('sub-district names with and without 街道/镇, with the city or (former) district in front, or by code', () => {
    for (const t of ['任港街道', '任港', '崇川区任港街道', '南通市崇川区任港街道', '任港街道办事处', '320613003']) expect(subDistrictOfName(t), t).toBe('320613003');
    for (const t of ['唐闸镇街道', '唐闸镇', '唐闸', '港闸区唐闸镇街道']) expect(subDistrictOfName(t), t).toBe('320613017');
    expect(subDistrictOfName('火星街道')).toBeNull();
    expect(subDistrictOfName('320699001')).toBeNull();
  });
  it('an address names a sub-district only with 街道/镇 (a bare 幸福 may be 幸福家园); communities by full name', () => {
    expect(subDistrictInAddress('南通市崇川区任港街道弘运社区5幢')).toBe('320613003');
    expect(subDistrictInAddress('幸福家园3幢')).toBeNull();
    expect(communityOf('南通市德民社区12幢', null)).toEqual({ code: '320613001001', subDistrictCode: '320613001' });
    expect(communityOf('德民', '320613001')?.code).toBe('320613001001');
    expect(communityOf('德民社区', '320613003')).toBeNull();
  });
  it('places the most precisely it can: exact, compound, community, sub-district centre, none', () => {
    const g = new Gazetteer(
      [
        { name: '文峰花园', lng: 120.9, lat: 31.97, kind: 'compound', subDistrictCode: '320613008' },
        { name: '文峰花园北区', lng: 120.91, lat: 31.975, kind: 'compound', subDistrictCode: null },
        { name: '德民社区', lng: 120.91, lat: 32.0, kind: 'community', subDistrictCode: '320613001' },
      ],
      new Map([['320613001', [120.905, 32.0] as const]]),
    );
    const row = (address: string, subDistrictCode: string, communityCode: string | null = null, coordinates: { lng: number; lat: number } | null = null) => place({ address, subDistrictCode, communityCode, coordinates }, g);
    expect(row('x', '320613008', null, { lng: 120.1, lat: 32.1 })).toEqual({ lng: 120.1, lat: 32.1, placement: 'exact' });
    expect(row('崇川区文峰花园北区7幢', '320613008')).toEqual({ lng: 120.91, lat: 31.975, placement: 'compound' }); // the longest name
    expect(row('文峰花园7幢', '320613003').placement).toBe('none'); // another sub-district's compound, and no centre for 任港 in this test
    expect(row('某路', '320613001', '320613001001')).toEqual({ lng: 120.91, lat: 32.0, placement: 'community' });
    expect(row('某路', '320613001')).toEqual({ lng: 120.905, lat: 32.0, placement: 'subDistrict' });
  });
  it('coordinates: real ones only; a swapped pair is put right', () => {
    expect(coordinatesOf('120.88', '32.01')).toEqual({ lng: 120.88, lat: 32.01 });
    expect(coordinatesOf('32.01', '120.88')).toEqual({ lng: 120.88, lat: 32.01 });
    expect(coordinatesOf('0', '0')).toBeNull();
    expect(coordinatesOf('', '32')).toBeNull();
  });
});

describe('headers, words and categories', () => {
  it('recognises the common exports’ headers, each field once', () => {
    expect(guessColumns(['工单编号', '受理时间（北京时间）', '诉求内容：', '状态', '工单状态', '备注'])).toEqual(['ticketNo', 'receivedAt', 'summary', 'status', null, null]);
    expect(headerKey(' 来电 时间 ')).toBe('来电时间');
    expect(missingFields(['ticketNo', null])).toEqual(['receivedAt', 'subDistrict']);
  });
  it('statuses and satisfaction words to ours; an unknown status is not guessed', () => {
    expect(statusOfWord('已办结')).toBe('resolved');
    expect(statusOfWord('已回访')).toBe('closed');
    expect(statusOfWord('办理中')).toBe('accepted');
    expect(statusOfWord('待定夺')).toBeNull();
    expect(satisfactionOfWord('基本满意')).toBe('basicallySatisfied');
    expect(satisfactionOfWord('不满意')).toBe('unsatisfied');
  });
  it('a category is looked up as 一级/二级, then the last level, then the first; an unknown one is 其他, with a suggestion only', () => {
    const map = new Map(Object.entries(DEFAULT_CATEGORY_MAP));
    expect(categoryKey('城市管理 > 井盖缺失')).toBe('城市管理/井盖缺失');
    expect(lookUpCategory(map, '环境保护', '餐饮油烟')).toEqual({ category: 'fumesNoise', mapped: true });
    expect(lookUpCategory(map, '城市管理', '井盖缺失')).toEqual({ category: 'other', mapped: false, text: '城市管理/井盖缺失' });
    expect(lookUpCategory(map, '', '')).toEqual({ category: 'other', mapped: true });
    expect(suggestCategory('城市管理/井盖缺失')).toBe('drains');
    expect(suggestCategory('教育/学区划分')).toBeNull();
  });
});

describe('more of what exports write', () => {
  it('an hour without minutes; a limit in Chinese numerals; 很满意', async () => {
    const { parseBeijingTime: t } = await import('./beijing-time');
    expect(t('2026年11月28日 16时')).toBe(Date.UTC(2026, 10, 28, 8));
    expect(t('2026年11月28日16时05分')).toBe(Date.UTC(2026, 10, 28, 8, 5));
    const { satisfactionOfWord: s } = await import('./value-words');
    expect(s('很满意')).toBe('satisfied');
  });
});
