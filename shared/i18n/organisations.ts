/**
 * Names of the district's units and roles as they appear in tickets (handling units, lead and co-departments,
 * timeline actors), in English. A name not here is the ticket's own data and stays as written (in Chinese).
 * A 区 prefix is the district's own bureau ("区住建局" → "District Housing and Construction Bureau"); a
 * sub-district's name is a place name (pinyin).
 */
import { DIVISIONS } from '../domain/divisions';

const UNITS: Record<string, string> = {
  城管局: 'Urban Management Bureau',
  生态环境局: 'Ecology and Environment Bureau',
  住建局: 'Housing and Construction Bureau',
  房产局: 'Housing Administration Bureau',
  市政公司: 'Municipal Works Company',
  市场监管局: 'Market Regulation Bureau',
  交警大队: 'Traffic Police Brigade',
  水务公司: 'Water Company',
  街道办事处: 'Sub-district Office',
  社区居委会: 'Residents’ Committee',
  物业公司: 'Property Company',
  轨道公司: 'Rail Transit Company',
  网格员: 'Grid worker',
  '12345热线': '12345 hotline',
  区指挥中心: 'District command centre',
  指挥中心: 'Command centre',
  系统: 'System',
  人大代表: 'People’s deputy',
  工作专班: 'Task force',
};

const placeByName = new Map(DIVISIONS.subDistricts.flatMap((s) => [[s.name, s.nameEn] as const, [`${s.shortName}指挥中心`, `${s.shortNameEn} command centre`] as const]));

/** The English name of a known unit or role, else undefined (the name is data: show it as written). */
export function organisationEn(name: string): string | undefined {
  const n = name.trim();
  if (UNITS[n]) return UNITS[n];
  if (n.startsWith('区') && UNITS[n.slice(1)]) return `District ${UNITS[n.slice(1)]}`;
  return placeByName.get(n);
}
