/**
 * An upload written to the hub's import folder as it arrives (never held whole in memory), with what the
 * sniffing needs kept on the way: the first and last 64 KiB and the count of quote bytes (in UTF-8 and in
 * GBK/GB18030 the byte 0x22 is only ever a quote, so an odd count means the file ends inside a quoted field).
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

const SAMPLE = 64 * 1024;

export type Uploaded = { size: number; head: Uint8Array; tail: Uint8Array; quotes: number };

export class UploadTooLarge extends Error {}

export async function receiveUpload(body: Readable, file: string, maxBytes: number): Promise<Uploaded> {
  let size = 0;
  let quotes = 0;
  const headParts: Buffer[] = [];
  let headLen = 0;
  let tail = Buffer.alloc(0);
  const watch = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadTooLarge(`over ${maxBytes} bytes`));
      if (headLen < SAMPLE) {
        const part = chunk.subarray(0, SAMPLE - headLen);
        headParts.push(part);
        headLen += part.length;
      }
      for (let i = chunk.indexOf(0x22); i >= 0; i = chunk.indexOf(0x22, i + 1)) quotes++;
      tail = chunk.length >= SAMPLE ? Buffer.from(chunk.subarray(chunk.length - SAMPLE)) : Buffer.concat([tail, chunk]).subarray(-SAMPLE);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, watch, createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  return { size, head: Buffer.concat(headParts), tail, quotes };
}
