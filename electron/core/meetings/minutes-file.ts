/**
 * Writes a meeting's minutes as Markdown and PDF (pdfkit) into the minutes folder. The PDF needs a font with
 * Chinese glyphs: LIANDONG_PDF_FONT (a .ttf/.otf, or a .ttc with "#PostScriptName"), else the system's
 * (Noto Sans CJK on Linux, Microsoft YaHei on Windows, PingFang on macOS). Without one the Markdown is still
 * written and the PDF's absence is said plainly.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { minutesMarkdown, type Minutes } from '../../../shared/domain/minutes';

const SYSTEM_CJK_FONTS: [file: string, name: string][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei'],
  ['C:\\Windows\\Fonts\\simsun.ttc', 'SimSun'],
  ['/System/Library/Fonts/PingFang.ttc', 'PingFangSC-Regular'],
];

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): { file: string; name?: string } | undefined {
  const given = env.LIANDONG_PDF_FONT;
  if (given) {
    const [file, name] = given.split('#');
    return existsSync(file!) ? { file: file!, name } : undefined;
  }
  const found = SYSTEM_CJK_FONTS.find(([file]) => existsSync(file));
  return found && { file: found[0], name: found[1] };
}

/** A file name from the title and date, safe on every system. */
const fileBase = (title: string, at: number) => `${new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)}-${title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}`;

export type MinutesFiles = { markdownPath: string; pdfPath: string | null; pdfError: string | null };

export async function writeMinutes(dir: string, minutes: Minutes, at: number): Promise<MinutesFiles> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, fileBase(minutes.title, at));
  const markdownPath = `${base}.md`;
  await writeFile(markdownPath, minutesMarkdown(minutes), 'utf8');
  const font = findCjkFont();
  if (!font) return { markdownPath, pdfPath: null, pdfError: '未找到中文字体，未生成 PDF（请设置 LIANDONG_PDF_FONT） (no CJK font found: set LIANDONG_PDF_FONT)' };
  const pdfPath = `${base}.pdf`;
  await writePdf(pdfPath, minutes, font);
  return { markdownPath, pdfPath, pdfError: null };
}

function writePdf(file: string, minutes: Minutes, font: { file: string; name?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: minutes.title, Creator: 'Liandong 联动' } });
    const out = createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.on('error', reject);
    doc.pipe(out);
    doc.registerFont('cjk', font.file, font.name);
    doc.font('cjk').fontSize(18).text(minutes.title, { align: 'center' });
    doc.moveDown(0.3).fontSize(10).fillColor('#555555').text(minutes.subtitle, { align: 'center' }).fillColor('#000000');
    for (const s of minutes.sections) {
      doc.moveDown(0.8).fontSize(13).text(s.heading);
      doc.moveDown(0.2).fontSize(10.5);
      for (const l of s.lines) doc.text(`· ${l}`, { indent: 8, lineGap: 2 });
    }
    doc.end();
  });
}
