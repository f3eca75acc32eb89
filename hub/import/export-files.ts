/**
 * Exports like the platforms' (for tests and the bench; made here, never downloaded): the 12345 platform's
 * dialect and the grid platform's, as CSV (UTF-8 or GBK) or XLSX, with the messy parts real exports have —
 * a title line, full-width characters, sub-districts with and without 街道/镇, several time formats and
 * Excel serial dates, two category levels — streamed to disk, so a million rows never sit in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from './exceljs';
import iconv from 'iconv-lite';
import { DIVISIONS } from '../../shared/domain/divisions';
import { csvField } from '../../shared/import/csv-field';

export type Dialect = 'hotline' | 'grid';
export const HOTLINE_HEADERS = ['工单编号', '来电时间', '诉求渠道', '诉求类型', '诉求内容', '事发地址', '所属街道', '问题分类', '二级分类', '承办单位', '办理时限', '工单状态', '回访满意度', '来电人', '联系电话'];
export const GRID_HEADERS = ['事件编号', '上报时间', '事件描述', '发生地址', '镇街', '所属社区', '事件分类', '处置状态', '办结时间', '上报人', '经度', '纬度'];

const CATS: readonly [string, string][] = [
  ['城乡建设', '物业管理'],
  ['城乡建设', '电梯故障'],
  ['住房保障', '房屋漏水'],
  ['环境保护', '餐饮油烟'],
  ['城市管理', '占道经营'],
  ['交通运输', '乱停车'],
  ['市政设施', '下水道堵塞'],
  ['市场监管', '消费纠纷'],
  ['城市管理', '井盖缺失'],
];
const STATUSES = ['已受理', '已派单', '办理中', '已办结', '已回访'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];

/** Row i of a dialect, deterministic; `base` is the first row's receipt (epoch ms). */
export function exportRow(dialect: Dialect, i: number, base: number): (string | number)[] {
  const sd = DIVISIONS.subDistricts[i % DIVISIONS.subDistricts.length]!;
  const community = sd.communities[i % sd.communities.length]!;
  const [c1, c2] = CATS[i % CATS.length]!;
  const at = new Date(base + i * 37_000 + 8 * 3_600_000); // its UTC fields are Beijing wall-clock time
  const pad = (n: number) => String(n).padStart(2, '0');
  const ymd = `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}`;
  const hm = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  const street = i % 3 === 0 ? sd.name : i % 3 === 1 ? sd.shortName : `崇川区${sd.name}`;
  if (dialect === 'hotline') {
    return [
      `12345-${ymd.replace(/\//g, '')}-${String(i).padStart(7, '0')}`,
      i % 2 ? `${ymd} ${hm}` : `${ymd.replace(/\//g, '-')} ${hm}:${pad(at.getUTCSeconds())}`,
      i % 5 === 0 ? '微信' : '12345热线',
      i % 4 === 0 ? '投诉' : '求助',
      `${community.name.replace(/居民委员会$/, '')}居民反映${c2}问题，第${i}号，请尽快处理（已多次来电）`,
      `南通市崇川区${sd.shortName}${i % 7}号楼`,
      street,
      c1,
      c2,
      '区住建局',
      i % 2 ? '5个工作日' : '',
      STATUSES[i % STATUSES.length]!,
      i % 5 === 4 ? '满意' : '',
      `${SURNAMES[i % SURNAMES.length]}先生`,
      `1${3 + (i % 6)}${String(10_000_000 + (i * 7919) % 90_000_000).padStart(9, '0')}`,
    ];
  }
  const serial = (base + i * 37_000 + 8 * 3_600_000 - Date.UTC(1899, 11, 30)) / 86_400_000;
  return [
    `WG-${String(i).padStart(8, '0')}`,
    Math.round(serial * 86_400) / 86_400,
    `网格员巡查发现${c2}，编号${i}`,
    `${community.name.replace(/居民委员会$/, '')}${i % 9}幢旁`,
    i % 2 ? sd.shortName.replace(/镇$/, '') : sd.name,
    community.name.replace(/居民委员会$/, ''),
    `${c1}>${c2}`,
    i % 3 ? '处置中' : '已办结',
    i % 3 ? '' : `${ymd} 23:00`,
    `${SURNAMES[i % SURNAMES.length]}网格员`,
    i % 4 === 0 ? '120.88' : '',
    i % 4 === 0 ? '32.01' : '',
  ];
}


/** A CSV export of `rows` rows; `title` puts a title line above the header. */
export async function writeExportCsv(file: string, o: { dialect: Dialect; rows: number; base: number; encoding: 'utf-8' | 'gbk'; bom?: boolean; title?: boolean; extraRows?: string[][] }): Promise<void> {
  const out = createWriteStream(file);
  const enc = (t: string) => (o.encoding === 'gbk' ? iconv.encode(t, 'gbk') : Buffer.from(t, 'utf8'));
  const write = async (t: string) => {
    if (!out.write(enc(t))) await once(out, 'drain');
  };
  if (o.bom && o.encoding === 'utf-8') out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  if (o.title) await write(`崇川区${o.dialect === 'hotline' ? '12345热线' : '网格化'}工单导出（2026年11月）\r\n`);
  await write((o.dialect === 'hotline' ? HOTLINE_HEADERS : GRID_HEADERS).join(',') + '\r\n');
  let chunk = '';
  for (let i = 0; i < o.rows; i++) {
    chunk += exportRow(o.dialect, i, o.base).map(csvField).join(',') + '\r\n';
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  for (const r of o.extraRows ?? []) chunk += r.map(csvField).join(',') + '\r\n';
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

/** An XLSX export (streamed writer: shared strings off, so memory stays flat for 200,000 rows). */
export async function writeExportXlsx(file: string, o: { dialect: Dialect; rows: number; base: number; title?: boolean; headers?: string[]; extraRows?: (string | number)[][] }): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('工单');
  if (o.title) ws.addRow([`崇川区工单导出`]).commit();
  ws.addRow(o.headers ?? (o.dialect === 'hotline' ? HOTLINE_HEADERS : GRID_HEADERS)).commit();
  for (let i = 0; i < o.rows; i++) ws.addRow(exportRow(o.dialect, i, o.base)).commit();
  for (const r of o.extraRows ?? []) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}
