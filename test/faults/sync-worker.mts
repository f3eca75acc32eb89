// A console's sync in its own process (for the kill -9 test): syncs from a hub into a store file,
// printing "applied <seq>" after each committed batch and "done" once it reaches the given seq.
// Usage: node --import tsx test/faults/sync-worker.mts <hubUrl> <token> <storeFile> <untilSeq>
import { openStore } from '../../db/open';
import { SyncStatusHolder, initialSyncStatus } from '../../electron/core/sync-status';
import { TicketService } from '../../electron/core/ticket-service';
import { HubLink } from '../../electron/core/sync/hub-link';
import { SyncEngine } from '../../electron/core/sync/sync-engine';

const [url, token, file, until] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore({ filename: file });
const status = new SyncStatusHolder(initialSyncStatus({ hubUrl: url }));
const link = new HubLink({ url, token, reconnectDelayMs: 10 });
const engine = new SyncEngine({ store, tickets: new TicketService(store), status, link, pageSize: 500, bulkRows: 500, retry: { baseMs: 5, maxMs: 50 }, onApplied: (seq) => process.stdout.write(`applied ${seq}\n`) });
await engine.start();
process.stdout.write(`started at ${engine.cursor}\n`);
await engine.whenCursorAtLeast(Number(until));
process.stdout.write('done\n');
await engine.stop();
link.close();
await store.destroy();
process.exit(0);
