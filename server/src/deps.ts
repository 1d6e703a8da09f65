import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { SalesSystem } from './sales/system.ts';

/** What the modules are built with: passed explicitly at registration, never imported as globals. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  /** The sales system (read-only); see server/src/sales/. */
  sales: SalesSystem;
};
