/**
 * A report as files for the district's leaders, in Chinese: PDF (pdfkit; the CJK font the minutes use; the daily
 * intake and the categories drawn as bar charts) and XLSX (exceljs: one sheet per table, numbers as numbers, rates
 * as numbers formatted as percentages, days and times as dates).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import ExcelJS from '../../../hub/import/exceljs';
import type { Compared, ComparedRate, HotIssue, Report } from '../../../shared/contract/reports';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { periodText, reportNames, reportTitle, summarySentences } from '../../../shared/domain/report-text';
import { findCjkFont } from '../meetings/minutes-file';

const names = reportNames('zh-CN');
const DISTRICT = DIVISIONS.district.name;

/** A file name from the kind and period, safe on every system. */
export const reportFileBase = (r: Pick<Report, 'kind' | 'from' | 'to'>) => `${{ day: '日报', week: '周报', month: '月报', custom: '报表' }[r.kind]}-${r.from}${r.to !== r.from ? `_${r.to}` : ''}`;

/** A cell: text, a count, or a figure with its kind — a share (办结率), a change of a count (环比 +5.2%), a change of a
 * share in points (+1.2 个百分点), a day, an instant (Beijing time) — kept as a number (or a date) in the XLSX and
 * written out in the PDF. NONE (no figure) is an empty cell in the XLSX, so a column of numbers sums and filters. */
export type Cell = string | number | { share: number } | { change: number } | { points: number } | { day: string } | { at: number };
type Row = Cell[];

const NONE = '—';
const share = (x: number | null): Cell => (x === null ? NONE : { share: x });
const change = (n: number, before: number | null): Cell => (before === null || before === 0 ? (before === 0 && n === 0 ? 0 : NONE) : { change: (n - before) / before });
const points = (v: number | null, before: number | null): Cell => (v === null || before === null ? NONE : { points: v - before });
const beijingTime = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const pctText = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number, text: string) => `${x >= 0 ? '+' : ''}${text}`;

/** A cell as the PDF writes it. */
export function cellText(c: Cell): string {
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return String(c);
  if ('share' in c) return pctText(c.share);
  if ('change' in c) return signed(c.change, pctText(c.change));
  if ('points' in c) return signed(c.points, `${(c.points * 100).toFixed(1)}个百分点`);
  if ('at' in c) return beijingTime(c.at);
  return c.day;
}

/** A cell as the XLSX holds it: a number with its format, or a date. */
function cellValue(c: Cell): { value: string | number | Date | null; numFmt?: string } {
  if (c === NONE) return { value: null };
  if (typeof c === 'string' || typeof c === 'number') return { value: c };
  if ('share' in c) return { value: c.share, numFmt: '0.0%' };
  if ('change' in c) return { value: c.change, numFmt: '+0.0%;-0.0%;0.0%' };
  if ('points' in c) return { value: Math.round(c.points * 1000) / 10, numFmt: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"' };
  // A sheet's dates have no zone: the Beijing wall-clock time, as the PDF writes it.
  if ('at' in c) return { value: new Date(c.at + 8 * 3_600_000), numFmt: 'yyyy-mm-dd hh:mm' };
  return { value: new Date(`${c.day}T00:00:00Z`), numFmt: 'yyyy-mm-dd' };
}

/** The tables of a report, once, for both files: heading, columns, rows. */
export function reportTables(r: Report): { sheet: string; heading: string; columns: string[]; rows: Row[] }[] {
  const b = r.body;
  const cmp = (label: string, c: Compared): Row => [label, c.n, c.previous ?? NONE, change(c.n, c.previous), c.yearBefore ?? NONE, change(c.n, c.yearBefore)];
  const cmpRate = (label: string, c: ComparedRate): Row => [label, share(c.value), share(c.previous), points(c.value, c.previous), share(c.yearBefore), points(c.value, c.yearBefore)];
  const hot = (h: HotIssue): Row => [names.category(h.category), h.placeCode ? names.place(h.placeCode) : '全区', h.n, h.previous ?? NONE, h.rise === null ? NONE : h.rise, h.examples.map((e) => `${e.ticketNo} ${e.summary}`).join('；')];
  const rank = (x: number | null): Cell => x ?? NONE;
  const d = b.deputies;
  const hotBasis = b.totals.intake.previous === null ? '（上期无数据：按本期件数排列）' : '';
  return [
    {
      sheet: '总体情况', heading: '总体情况', columns: ['指标', '本期', '上期', '环比', '去年同期', '同比'],
      rows: [cmp('受理', b.totals.intake), cmp('办结', b.totals.done), cmp('退单', b.totals.returns), cmpRate('办结率', b.totals.closedRate), cmpRate('按时办结率', b.totals.onTimeRate), cmpRate('满意率', b.totals.satisfactionRate)],
    },
    { sheet: '每日', heading: '每日受理与办结（办结按办结日）', columns: ['日期', '受理', '办结'], rows: b.daily.map((d) => [{ day: d.day }, d.intake, d.done]) },
    { sheet: '来源', heading: '受理来源', columns: ['来源', '本期', '上期', '环比', '去年同期', '同比'], rows: b.bySource.map((s) => cmp(names.source(s.key), s.n)) },
    { sheet: '分类', heading: '诉求分类', columns: ['分类', '本期', '上期', '环比', '去年同期', '同比'], rows: b.byCategory.map((s) => cmp(names.category(s.key), s.n)) },
    { sheet: '街道受理', heading: '各街道受理', columns: ['街道', '本期', '上期', '环比', '去年同期', '同比'], rows: b.bySubDistrict.map((s) => cmp(names.subDistrict(s.key), s.n)) },
    { sheet: '热点分类', heading: `热点问题：增幅最大的分类${hotBasis}`, columns: ['分类', '范围', '本期', '上期', '增加', '示例工单'], rows: b.hot.categories.map(hot) },
    { sheet: '热点地点', heading: `热点问题：增幅最大的地点与分类${hotBasis}`, columns: ['分类', '地点', '本期', '上期', '增加', '示例工单'], rows: b.hot.places.map(hot) },
    {
      sheet: '预警', heading: `预警（本期触发 ${b.warnings.raised} 条，已知悉 ${b.warnings.acknowledged}，已解除 ${b.warnings.cleared}，仍在预警 ${b.warnings.stillActive}）`,
      columns: ['分类', '地点', '件数', '触发时间', '知悉时间', '解除时间'],
      rows: b.warnings.items.map((w) => [names.category(w.category), names.place(w.placeCode), w.count, { at: w.raisedAt }, w.acknowledgedAt === null ? NONE : { at: w.acknowledgedAt }, w.clearedAt === null ? NONE : { at: w.clearedAt }]),
    },
    {
      sheet: '三跨疑难', heading: `三跨与疑难（疑难 ${b.hard.difficult} 件，已办结 ${b.hard.difficultDone}；三跨 ${b.hard.cross} 件，已办结 ${b.hard.crossDone}）：未办结的`,
      columns: ['工单编号', '分类', '街道', '状态', '诉求内容'],
      rows: b.hard.open.map((t) => [t.ticketNo, names.category(t.category), names.subDistrict(t.subDistrictCode), names.status(t.status), t.summary]),
    },
    {
      sheet: '承办单位', heading: '承办单位（超期未办、退单多者在前）', columns: ['承办单位', '受理', '办结', '办结率', '排名', '按时办结率', '排名', '满意率', '排名', '超期未办', '逾期办结', '退单', '随意退单'],
      rows: b.units.map((u) => [names.unit(u.unit), u.intake, u.done, share(u.closedRate), rank(u.closedRank), share(u.onTimeRate), rank(u.onTimeRank), share(u.satisfactionRate), rank(u.satisfactionRank), u.overdueOpen, u.late, u.returns, u.arbitrary]),
    },
    {
      sheet: '街道排名', heading: '街道排名（按办结率）', columns: ['街道', '受理', '办结', '办结率', '排名', '按时办结率', '排名', '满意率', '排名', '超期未办', '退单'],
      rows: b.subDistricts.map((x) => [names.subDistrict(x.code), x.intake, x.done, share(x.closedRate), rank(x.closedRank), share(x.onTimeRate), rank(x.onTimeRank), share(x.satisfactionRate), rank(x.satisfactionRank), x.overdueOpen, x.returns]),
    },
    { sheet: '随意退单', heading: '随意退单（退回后又派回同一单位）', columns: ['工单编号', '退单单位', '退单时间', '退单理由'], rows: b.arbitraryReturns.map((x) => [x.ticketNo, x.unit, { at: x.at }, x.reason]) },
    { sheet: '会商督办', heading: '会商与督办', columns: ['召开会商', '作出决定', '督办未闭环', '其中超期'], rows: [[b.meetings.held, b.meetings.decisions, b.meetings.followUpsOpen, b.meetings.followUpsOverdue]] },
    {
      sheet: '代表督办', heading: '代表督办（提·交·落·回）', columns: ['事项', '本期', '说明'],
      rows: [
        ['疑难问题闭环', d.hardClosed, `督办中 ${d.supervisedOpen} 件`],
        ['代表建议 提', d.suggestions.submitted, `现处 提 ${d.suggestions.atSubmitted} · 交 ${d.suggestions.atAssigned} · 落 ${d.suggestions.atDone}`],
        ['代表建议 回', d.suggestions.answered, `满意办结 ${d.suggestions.satisfied}，不满意重办 ${d.suggestions.reopened}`],
        ['督查意见书 签发', d.letters.issued, `本期回复 ${d.letters.replied}，待回复 ${d.letters.awaiting}`],
        ['移送', d.referrals.sent, `本期答复 ${d.referrals.answered}`],
        ['应急包 支付', d.funds.spends, `合计 ¥${d.funds.amount.toLocaleString('en-US')}`],
      ],
    },
    { sheet: '应急包', heading: '应急包支出', columns: ['街道', '工单编号', '金额（元）', '用途', '时间'], rows: d.funds.items.map((x) => [names.subDistrict(x.subDistrictCode), x.ticketNo, x.amount, x.purpose, { at: x.at }]) },
  ];
}

export async function writeReportXlsx(dir: string, r: Report): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${reportFileBase(r)}.xlsx`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liandong 联动';
  wb.created = new Date(r.generatedAt);
  const cover = wb.addWorksheet('报表');
  cover.addRows([[reportTitle(r, 'zh-CN', DISTRICT)], ['统计周期', r.from, r.to], ['生成时间', new Date(r.body.asOf + 8 * 3_600_000)], ['工作日', r.body.workingDays ?? '—'], [], ['综述'], ...summarySentences(r.body.changes, 'zh-CN').map((s) => [s])]);
  cover.getCell('B2').value = new Date(`${r.from}T00:00:00Z`);
  cover.getCell('C2').value = new Date(`${r.to}T00:00:00Z`);
  cover.getCell('B2').numFmt = cover.getCell('C2').numFmt = 'yyyy-mm-dd';
  cover.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm';
  cover.getColumn(1).width = 16;
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.sheet);
    ws.addRow(t.columns).font = { bold: true };
    for (const row of t.rows) {
      const cells = row.map(cellValue);
      const added = ws.addRow(cells.map((c) => c.value));
      cells.forEach((c, i) => c.numFmt && (added.getCell(i + 1).numFmt = c.numFmt));
    }
    t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = Math.max(10, c.length * 2 + 4)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  await wb.xlsx.writeFile(file);
  return file;
}

export class NoCjkFontError extends Error {}

export async function writeReportPdf(dir: string, r: Report): Promise<string> {
  const font = findCjkFont();
  if (!font) throw new NoCjkFontError('no CJK font: set LIANDONG_PDF_FONT');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${reportFileBase(r)}.pdf`);
  const title = reportTitle(r, 'zh-CN', DISTRICT);
  await new Promise<void>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Creator: 'Liandong 联动' } });
    const out = createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.on('error', reject);
    doc.pipe(out);
    doc.registerFont('cjk', font.file, font.name);
    doc.font('cjk');
    drawReport(doc, r, title);
    doc.end();
  });
  return file;
}

type Doc = InstanceType<typeof PDFDocument>;
const INK = '#1a1a1a';
const MUTED = '#666666';
const INTAKE = '#2f6db5';
const DONE = '#3a9a5b';

function drawReport(doc: Doc, r: Report, title: string): void {
  const b = r.body;
  doc.fillColor(INK).fontSize(17).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(9.5).fillColor(MUTED).text(`统计周期：${periodText(r, 'zh-CN')}（${r.from} 至 ${r.to}${b.workingDays === null ? '' : `，工作日 ${b.workingDays} 天`}）    生成：${beijingTime(b.asOf)}`, { align: 'center' });
  if (b.through) doc.moveDown(0.2).fontSize(9.5).fillColor('#a05a00').text(`本期尚未结束：统计至 ${b.through}，与上期同样天数相比。`, { align: 'center' });
  heading(doc, '一、综述');
  const sentences = summarySentences(b.changes, 'zh-CN');
  const rateText = (x: number | null) => (x === null ? NONE : pctText(x));
  const lead = `本期受理诉求 ${b.totals.intake.n} 件，办结 ${b.totals.done.n} 件，办结率 ${rateText(b.totals.closedRate.value)}，按时办结率 ${rateText(b.totals.onTimeRate.value)}，满意率 ${rateText(b.totals.satisfactionRate.value)}。`;
  doc.fontSize(10.5).fillColor(INK).text(lead + (sentences.length ? sentences.join('') : '上期无数据，不作环比。'), { lineGap: 3 });
  const tables = reportTables(r);
  heading(doc, '二、总体情况');
  table(doc, tables[0]!);
  heading(doc, '三、每日受理与办结');
  // A day's report has no days to chart: its 办结 by the day resolved would stand beside the totals' 办结 of the
  // day's intake as a second, different number.
  if (b.daily.length > 2) barChart(doc, b.daily.map((d) => ({ label: d.day.slice(5), values: [d.intake, d.done] })), [INTAKE, DONE], ['受理', '办结（按办结日）']);
  else doc.fontSize(10).fillColor(INK).text(`当日受理 ${b.daily[0]?.intake ?? 0} 件；当日办结（不论何日受理）${b.daily[0]?.done ?? 0} 件。`);
  heading(doc, '四、受理来源、分类与街道');
  table(doc, tables[2]!);
  barChart(doc, b.byCategory.slice(0, 12).map((c) => ({ label: names.category(c.key), values: [c.n.n, c.n.previous ?? 0] })), [INTAKE, '#9db8dc'], ['本期', '上期']);
  table(doc, tables[3]!);
  table(doc, tables[4]!);
  heading(doc, '五、热点问题');
  table(doc, tables[5]!, [70, 50, 40, 40, 40]);
  table(doc, tables[6]!, [70, 90, 40, 40, 40]);
  heading(doc, '六、预警');
  table(doc, tables[7]!);
  heading(doc, '七、三跨与疑难');
  table(doc, tables[8]!, [110, 60, 60, 50]);
  heading(doc, '八、承办单位');
  table(doc, tables[9]!, [90, 32, 32, 40, 26, 40, 26, 40, 26, 34, 34, 30]);
  heading(doc, '九、街道排名');
  table(doc, tables[10]!, [80, 38, 38, 44, 28, 48, 28, 44, 28, 40]);
  heading(doc, '十、随意退单');
  table(doc, tables[11]!, [120, 90, 80]);
  heading(doc, '十一、会商与督办');
  table(doc, tables[12]!);
  heading(doc, '十二、代表督办');
  table(doc, tables[13]!, [110, 50]);
  heading(doc, '十三、应急包');
  table(doc, tables[14]!, [70, 120, 60, 150]);
}

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.9).fontSize(13).fillColor(INK).text(text, doc.page.margins.left);
  doc.moveDown(0.3);
}

/** A table with a header row; widths in points (the last column takes the rest), pages broken between rows. */
function table(doc: Doc, t: { heading: string; columns: string[]; rows: Row[] }, widths?: number[]): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - left - doc.page.margins.right;
  const given = widths ?? t.columns.map(() => full / t.columns.length);
  const cols = t.columns.map((_, i) => given[i] ?? Math.max(40, full - given.reduce((a, b) => a + b, 0)));
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc.fontSize(10).fillColor(MUTED).text(t.heading, left);
  doc.moveDown(0.2);
  const line = (row: Cell[], head: boolean) => {
    doc.fontSize(8.5).fillColor(head ? MUTED : INK);
    const cells = row.map(cellText);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 4 }));
    const h = Math.max(...heights) + 4;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      // Figures to the right, their headings too; text to the left.
      const figure = (c: Cell | undefined) => c !== undefined && (typeof c !== 'string' || c === NONE);
      const right = head ? i > 0 && t.rows.some((r) => figure(r[i])) : figure(row[i]);
      doc.text(c, x + 2, y + 2, { width: cols[i]! - 4, align: right ? 'right' : 'left' });
      x += cols[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + cols.reduce((a, b) => a + b, 0), y + h).lineWidth(0.3).strokeColor('#cccccc').stroke();
    doc.x = left;
    doc.y = y + h;
  };
  line(t.columns, true);
  if (!t.rows.length) line(['（无）', ...t.columns.slice(1).map(() => '')], false);
  for (const row of t.rows) line(row, false);
  doc.moveDown(0.6);
}

/** Vertical bars, one group per label, with each group's values written above its bars when there is room. */
function barChart(doc: Doc, groups: { label: string; values: number[] }[], colours: string[], legend: string[]): void {
  const left = doc.page.margins.left + 24;
  const width = doc.page.width - doc.page.margins.right - left;
  const height = 130;
  if (doc.y + height + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y + 24;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const slot = width / Math.max(1, groups.length);
  const bar = Math.max(1, (slot * 0.8) / colours.length);
  legend.forEach((l, i) => {
    doc.rect(left + i * 110, top - 20, 8, 8).fill(colours[i]!);
    doc.fillColor(MUTED).fontSize(8).text(l, left + i * 110 + 11, top - 21, { lineBreak: false });
  });
  doc.fillColor(MUTED).fontSize(7).text(String(max), doc.page.margins.left, top, { width: 22, align: 'right', lineBreak: false });
  doc.text('0', doc.page.margins.left, top + height - 7, { width: 22, align: 'right', lineBreak: false });
  doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.5).strokeColor('#999999').stroke();
  const every = Math.ceil(groups.length / 16);
  groups.forEach((g, i) => {
    const x0 = left + i * slot + slot * 0.1;
    g.values.forEach((v, k) => {
      const h = (v / max) * height;
      doc.rect(x0 + k * bar, top + height - h, bar * 0.92, h).fill(colours[k]!);
      if (groups.length <= 16 && bar >= 12) doc.fillColor(INK).fontSize(6.5).text(String(v), x0 + k * bar - 4, top + height - h - 9, { width: bar + 8, align: 'center', lineBreak: false });
    });
    if (i % every === 0) doc.fillColor(MUTED).fontSize(7).text(g.label, left + i * slot - 6, top + height + 3, { width: slot * every + 12, align: 'center', lineBreak: false });
  });
  doc.x = doc.page.margins.left;
  doc.y = top + height + 16;
  doc.moveDown(0.4);
}
