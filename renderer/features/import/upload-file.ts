/**
 * Hands a chosen file to the console in pieces (1 MiB, base64, in order: imports.begin → imports.chunk …) and
 * asks for the hub's preview (imports.preview). A large file may take the hub longer to receive than one call
 * waits: the console keeps the transfer going, so a call that times out is simply asked again.
 */
import type { ImportPreview } from '../../../shared/contract';
import { RpcError } from '../../../shared/rpc/errors';
import type { LiandongClient } from '../../app/client-context';

export const CHUNK_BYTES = 1024 * 1024;

/** A slice of the file as base64 (FileReader's data URL: no string built byte by byte). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
    r.onerror = () => reject(r.error ?? new Error('the file could not be read'));
    r.readAsDataURL(blob);
  });
}

export type UploadProgress = { phase: 'uploading'; sent: number; total: number } | { phase: 'reading' };

export async function uploadFile(client: LiandongClient, file: File, onProgress: (p: UploadProgress) => void, cancelled: () => boolean = () => false): Promise<ImportPreview | null> {
  const { uploadId } = await client.call('imports.begin', { fileName: file.name, size: file.size });
  for (let at = 0; at < file.size; at += CHUNK_BYTES) {
    if (cancelled()) return null;
    onProgress({ phase: 'uploading', sent: at, total: file.size });
    const data = await base64Of(file.slice(at, at + CHUNK_BYTES));
    await client.call('imports.chunk', { uploadId, offset: at, data });
  }
  onProgress({ phase: 'reading' });
  for (;;) {
    try {
      return await client.call('imports.preview', { uploadId });
    } catch (e) {
      if (!(e instanceof RpcError && e.code === 'timeout') || cancelled()) throw e;
    }
  }
}
