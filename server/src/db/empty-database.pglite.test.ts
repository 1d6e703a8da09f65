import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openPglite } from './client.ts';
import { writeEmptyDatabase } from './empty-database.ts';
import { migrate } from './migrate.ts';
import { openDatabase } from './open.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-empty-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = async (dataDir: string) => {
  const database = await openPglite(dataDir);
  const found = await database.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  await database.close();
  return found.map((t) => t.name);
};

describe('a new embedded folder starts from the empty database the build made (docs/OPERATIONS.md#memory)', () => {
  it('writes the migrated empty database, which opens as a folder with every table', async () => {
    const file = path.join(dir, 'empty.tar.gz');
    await writeEmptyDatabase(file);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    const config = { ...loadConfig({ CRM_DEMO: '0', CRM_ADMIN_PASSWORD: 'first-start-pw' }), dataDir: `${dir}/a` };
    const opened = await openDatabase(config, file);
    expect(opened.firstStart.seeded).toBe(true);
    await opened.database.close();
    opened.release();
    expect(await tables(config.dataDir)).toEqual(expect.arrayContaining(['customers', 'users', 'import_rows']));
  }, 120_000);

  it('copies that database into a new folder only, and opens an existing folder as it is', async () => {
    // an empty database with a mark of its own, to tell a copy of it from a folder made by initdb
    const marked = await openPglite(undefined);
    await migrate(marked);
    await marked.query('create table made_by_the_build (id int)');
    const file = path.join(dir, 'marked.tar.gz');
    fs.writeFileSync(file, Buffer.from(await (await marked.pglite!.dumpDataDir('gzip')).arrayBuffer()));
    await marked.close();

    const config = { ...loadConfig({ CRM_DEMO: '0', CRM_ADMIN_PASSWORD: 'first-start-pw' }), dataDir: `${dir}/b` };
    const first = await openDatabase(config, file);
    await first.database.query('insert into made_by_the_build values (1)');
    await first.database.close();
    first.release();
    expect(await tables(config.dataDir)).toContain('made_by_the_build');

    // the second start keeps the folder and its rows
    const second = await openDatabase(config, file);
    expect(second.firstStart.seeded).toBe(false);
    expect(await second.database.query('select id from made_by_the_build')).toEqual([{ id: 1 }]);
    await second.database.close();
    second.release();

    // without a file (a server run from its sources) a new folder is made by initdb, as before
    const plain = { ...config, dataDir: `${dir}/c` };
    const made = await openDatabase(plain, path.join(dir, 'none.tar.gz'));
    await made.database.close();
    made.release();
    expect(await tables(plain.dataDir)).not.toContain('made_by_the_build');
  }, 120_000);
});
