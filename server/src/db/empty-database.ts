import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from './client.ts';
import { migrate } from './migrate.ts';

/**
 * The embedded database's first folder (docs/OPERATIONS.md#memory). Creating a PGlite folder runs initdb inside the
 * server's process — a second WebAssembly module beside the database's own, about 700 MB at its peak, of which the
 * process keeps part until it restarts. The server's build therefore makes the migrated empty database once, in a
 * process of its own (`make-empty-database.ts`), and writes it beside the bundle; a new folder starts as a copy of it.
 */
export const EMPTY_DATABASE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'empty-database.tar.gz');

/** The migrated empty database in `file` (a gzipped tar of a PGlite folder), or undefined when there is none. */
export function readEmptyDatabase(file: string): Blob | undefined {
  return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}

/** Writes the migrated empty database to `file`. */
export async function writeEmptyDatabase(file: string): Promise<void> {
  const database = await openPglite(undefined);
  try {
    await migrate(database);
    const dump = await database.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
}
