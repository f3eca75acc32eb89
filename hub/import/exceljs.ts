/**
 * exceljs, with one fix: its streaming reader (4.4.0, lib/utils/parse-sax.js) decodes each inflated chunk of a
 * sheet's XML on its own, so a character split between two chunks becomes U+FFFD — in Chinese text about one row
 * in 750 lost characters (exceljs issues #2063 and #2084, open). Before exceljs is first loaded, its parse-sax
 * module is put into Node's module cache in a form that decodes with one streaming TextDecoder per parse;
 * everything else is exceljs's own. Import exceljs only from here (a test reads back a workbook of CJK text and
 * fails if the fix is not in place).
 */
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';

const require_ = createRequire(__filename);
const parseSaxPath = require_.resolve('exceljs/lib/utils/parse-sax.js');

if (!require_.cache[parseSaxPath]) {
  // exceljs's own dependencies, resolved from exceljs.
  const fromExceljs = createRequire(parseSaxPath);
  const { SaxesParser } = fromExceljs('saxes') as { SaxesParser: new () => { on(e: string, l: (v: never) => void): void; write(t: string): void } };
  const { PassThrough } = fromExceljs('readable-stream') as typeof import('node:stream');
  type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
  async function* parseSax(source: AsyncIterable<Uint8Array | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
    let iterable: AsyncIterable<Uint8Array | string> = source;
    if (source.pipe && !(Symbol.asyncIterator in source)) iterable = (source as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as AsyncIterable<Uint8Array>;
    const parser = new SaxesParser();
    let error: Error | undefined;
    parser.on('error', (e: Error) => (error = e));
    let events: SaxEvent[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const mod = new (require_('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  mod.filename = parseSaxPath;
  mod.loaded = true;
  mod.exports = parseSax;
  require_.cache[parseSaxPath] = mod;
}

const ExcelJS = require_('exceljs') as typeof ExcelJSType;
export default ExcelJS;
