import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { dropDatabase, seedTestTemplate, TEMPLATE_DB, withDatabase } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** Builds one migrated, seeded database per run; each test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  // globalSetup runs in the main process: the project's env says which database it is for
  if (project.config.env?.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropDatabase(admin, TEMPLATE_DB);
    await admin.query(`create database ${TEMPLATE_DB}`);
    const database = openPostgres(withDatabase(url, TEMPLATE_DB), { max: 2 });
    await migrate(database);
    await database.db.transaction(seedTestTemplate);
    await database.close();
    await admin.end();
    return;
  }
  const database = await openPglite(undefined);
  await migrate(database);
  await database.db.transaction(seedTestTemplate);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const file = path.join(os.tmpdir(), `crm-test-template-${process.pid}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
