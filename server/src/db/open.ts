import fs from 'node:fs';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { seedOnFirstStart, type FirstStart } from './seed/index.ts';

/** Opens the configured database (PostgreSQL, or the embedded one under a folder lock), migrates and seeds it. */
export async function openDatabase(
  config: Config,
): Promise<{ database: Database; firstStart: FirstStart; release: () => void }> {
  let release = () => {};
  let database: Database;
  if (config.databaseUrl) {
    database = openPostgres(config.databaseUrl);
  } else {
    release = lockDataDir(config.dataDir);
    fs.mkdirSync(config.dataDir, { recursive: true });
    database = await openPglite(config.dataDir);
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
