// Writes resources/demo/tickets.json: the demo tickets a console shows with no hub configured.
// Run: npx tsx scripts/gen-demo.ts
import { writeFileSync } from 'node:fs';
import { generateTickets } from '../hub/demo/ticket-generator';

const generatedAt = Date.UTC(2026, 10, 23, 2, 0, 0); // fixed, so the file is reproducible
const tickets = generateTickets(800, { seed: 20261123, now: generatedAt, spanMs: 10 * 86_400_000 });
writeFileSync(new URL('../resources/demo/tickets.json', import.meta.url), JSON.stringify({ generatedAt, tickets }) + '\n');
console.log(`wrote ${tickets.length} demo tickets`);
