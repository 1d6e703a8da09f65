import { EMPTY_DATABASE, writeEmptyDatabase } from './empty-database.ts';

// `node server/dist/make-empty-database.mjs`, run by the server's build (scripts/builds.mjs): writes the migrated
// empty embedded database beside the bundle, where a first start finds it (db/empty-database.ts)
await writeEmptyDatabase(EMPTY_DATABASE);
