import { describe, expect, it } from 'vitest';
import { matchRule, type RoutingRule } from './routing';

const RENGGANG = '320613003';
const rule = (over: Partial<RoutingRule>): RoutingRule => ({ id: String(Math.random()), category: 'waterlogging', keywords: [], subDistrictCode: null, communityCode: null, leadDepartment: '区住建局', fromTicketNo: null, createdAt: 1, updatedAt: 1, ...over });
const ticket = { category: 'waterlogging', subDistrictCode: RENGGANG, communityCode: '320613003001', summary: '雨后小区积水严重，地下车库进水', address: '任港路 12 号' };

describe('routing rules', () => {
  it('suggests the most specific matching rule: community over sub-district over anywhere', () => {
    const anywhere = rule({ leadDepartment: '区水务局' });
    const sub = rule({ subDistrictCode: RENGGANG, leadDepartment: '任港街道' });
    const community = rule({ communityCode: '320613003001', leadDepartment: '区住建局' });
    expect(matchRule([anywhere], ticket)?.leadDepartment).toBe('区水务局');
    expect(matchRule([anywhere, sub], ticket)?.leadDepartment).toBe('任港街道');
    expect(matchRule([community, anywhere, sub], ticket)?.leadDepartment).toBe('区住建局');
  });

  it('needs the category, the place and one of the keywords when it has any', () => {
    expect(matchRule([rule({ category: 'noise' })], ticket)).toBeUndefined();
    expect(matchRule([rule({ subDistrictCode: '320613001' })], ticket)).toBeUndefined();
    expect(matchRule([rule({ keywords: ['化粪池'] })], ticket)).toBeUndefined();
    expect(matchRule([rule({ keywords: ['化粪池', '地下车库'] })], ticket)?.leadDepartment).toBe('区住建局');
  });

  it('prefers more keywords matched, then the newer rule', () => {
    const one = rule({ keywords: ['积水'], leadDepartment: 'A' });
    const two = rule({ keywords: ['积水', '车库'], leadDepartment: 'B' });
    expect(matchRule([one, two], ticket)?.leadDepartment).toBe('B');
    const older = rule({ leadDepartment: 'old', updatedAt: 1 });
    const newer = rule({ leadDepartment: 'new', updatedAt: 2 });
    expect(matchRule([older, newer], ticket)?.leadDepartment).toBe('new');
    expect(matchRule([newer, older], ticket)?.leadDepartment).toBe('new');
  });
});
