/**
 * The page checker's thread: decodes, parses and validates pages of the change feed (`checkPageForWrite`) off
 * the console's main thread, which meanwhile drives the store's writes and serves the screens.
 * In: { id, body, after, ticketsUpTo }; out: { id, page, body } (the body's bytes go back, moved, to be stored)
 * or { id, error: { refused, message } }.
 */
import { parentPort } from 'node:worker_threads';
import { checkPageForWrite, PageRefusedError } from './change-batch';
import { movable } from './page-checker';
import type { PageBody } from './hub-link';

parentPort!.on('message', (m: { id: number; body: PageBody; after: number; ticketsUpTo: number }) => {
  try {
    const page = checkPageForWrite(m.body, m.after, m.ticketsUpTo);
    parentPort!.postMessage({ id: m.id, page, body: m.body }, movable(m.body));
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: { refused: e instanceof PageRefusedError, message: e instanceof Error ? e.message : String(e) } });
  }
});
