import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { EMPTY_DATABASE, readEmptyDatabase } from './empty-database.ts';
import { migrate } from './migrate.ts';
import { seedOnFirstStart, type FirstStart } from './seed/index.ts';

/**
 * Opens the configured database (PostgreSQL, or the embedded one under a folder lock), migrates and seeds it. A new
 * embedded folder starts as a copy of `empty` (db/empty-database.ts) when the build made one.
 */
export async function openDatabase(
  config: Config,
  empty = EMPTY_DATABASE,
): Promise<{ database: Database; firstStart: FirstStart; release: () => void }> {
  let release = () => {};
  let database: Database;
  if (config.databaseUrl) {
    database = openPostgres(config.databaseUrl);
  } else {
    release = lockDataDir(config.dataDir);
    fs.mkdirSync(config.dataDir, { recursive: true });
    const created = !fs.existsSync(path.join(config.dataDir, 'PG_VERSION'));
    database = await openPglite(config.dataDir, created ? readEmptyDatabase(empty) : undefined);
  }
  try {
    await migrate(database);
    const firstStart = await seedOnFirstStart(database, config);
    return { database, firstStart, release };
  } catch (error) {
    await database.close().catch(() => undefined);
    release();
    throw error;
  }
}
