// Writes resources/demo/tickets.json: the demo tickets a console shows with no hub configured.
// Run: npx tsx scripts/gen-demo.ts
import { writeFileSync } from 'node:fs';
import { demoHistory } from '../hub/demo/demo-history';

const generatedAt = Date.UTC(2026, 10, 23, 2, 0, 0); // fixed, so the file is reproducible
const tickets = demoHistory(generatedAt);
writeFileSync(new URL('../resources/demo/tickets.json', import.meta.url), JSON.stringify({ generatedAt, tickets }) + '\n');
console.log(`wrote ${tickets.length} demo tickets`);
