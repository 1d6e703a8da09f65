import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';

/** What the modules are built with: passed explicitly at registration, never imported as globals. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
};
