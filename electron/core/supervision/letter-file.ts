/**
 * A 督查意见书 as PDF (pdfkit, the CJK font the minutes use): the number, the unit it is addressed to, its overdue
 * and returned tickets with their numbers, the requirement and the reply deadline, as a district's letter reads.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Letter } from '../../../shared/supervision';
import { DIVISIONS, subDistrictName } from '../../../shared/domain/divisions';
import { findCjkFont } from '../meetings/minutes-file';
import { NoCjkFontError } from '../reports/report-files';

const beijingDay = (ms: number) => {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** The letter's lines, once (the PDF writes them; a test reads them back from it). */
export function letterLines(l: Letter): { title: string; number: string; to: string; body: string[]; rows: string[][]; requirement: string; due: string; from: string } {
  const overdue = l.tickets.filter((t) => t.why === 'overdue').length;
  const returned = l.tickets.length - overdue;
  const area = l.subDistrictCode ? subDistrictName(l.subDistrictCode) : DIVISIONS.district.name;
  return {
    title: '督查意见书',
    number: l.number,
    to: `${l.unit}：`,
    body: [
      `经区指挥中心督查，你单位在${area}承办的工单中，超期未办结 ${overdue} 件，退单 ${returned} 件，明细如下。`,
    ],
    rows: l.tickets.map((t) => [t.ticketNo, t.summary, t.why === 'overdue' ? `超期（期限 ${beijingDay(t.at)}）` : `退单（${beijingDay(t.at)}）${t.reason ? `：${t.reason}` : ''}`]),
    requirement: l.requirement,
    due: `请于 ${beijingDay(l.replyDueAt)} 前书面回复办理情况。`,
    from: `${DIVISIONS.district.name}区域社会治理现代化指挥中心\u3000${beijingDay(l.issuedAt)}`,
  };
}

export const letterFileName = (l: Letter) => `督查意见书-${l.number.replace(/[〔〕]/g, '-').replace(/-+/g, '-')}-${l.unit}.pdf`.replace(/[\\/:*?"<>|]/g, '_');

export async function writeLetterPdf(dir: string, l: Letter): Promise<string> {
  const font = findCjkFont();
  if (!font) throw new NoCjkFontError('未找到中文字体，未生成 PDF（请设置 LIANDONG_PDF_FONT） (no CJK font found: set LIANDONG_PDF_FONT)');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, letterFileName(l));
  const t = letterLines(l);
  await new Promise<void>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${t.title} ${t.number}`, Creator: 'Liandong 联动' } });
    const out = createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.pipe(out);
    doc.registerFont('cjk', font.file, font.name);
    doc.font('cjk').fontSize(22).fillColor('#b00000').text(t.title, { align: 'center' }).fillColor('#000000');
    doc.moveDown(0.3).fontSize(11).text(t.number, { align: 'center' });
    doc.moveDown(1.2).fontSize(12).text(t.to);
    for (const p of t.body) doc.moveDown(0.4).text(p, { indent: 24 });
    doc.moveDown(0.6).fontSize(10);
    const x = [56, 186, 350];
    const widths = [126, 158, 189];
    const head = ['工单编号', '诉求', '情况'];
    const rowAt = (cells: string[]) => {
      const y = doc.y;
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] })));
      if (y + h > doc.page.height - 90) doc.addPage();
      const top = doc.y;
      cells.forEach((c, i) => doc.text(c, x[i], top, { width: widths[i] }));
      doc.x = 56;
      doc.y = top + h + 4;
    };
    rowAt(head);
    for (const r of t.rows) rowAt(r);
    doc.moveDown(0.8).fontSize(12).text('整改要求：', 56);
    doc.moveDown(0.2).text(t.requirement, { indent: 24 });
    doc.moveDown(0.6).text(t.due, { indent: 24 });
    doc.moveDown(2).text(t.from, { align: 'right' });
    doc.end();
  });
  return file;
}
