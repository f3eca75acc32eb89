/**
 * The migrations, listed explicitly in order (an in-code provider: no file-system scanning, so the
 * bundled app and the tests see the same list). Names only ever increase; never edit a shipped one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-tickets';
import * as m0002 from './0002-sync-state';

export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001-tickets', m0001],
  ['0002-sync-state', m0002],
];

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(MIGRATIONS);
  },
};
