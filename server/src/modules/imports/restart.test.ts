import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { claimLease, releaseLease } from '../../platform/lease.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { findImportRow, lockPending } from './repo.ts';
import { readAhead, runImport } from './runner.ts';
import { planOf } from './service.ts';
import { creditCode, finished, goodRow, HEADER, upload, utf8Csv } from './test-files.ts';

/**
 * docs/imports.md, rule 6: a run stopped after some of its batches (its instance gone, its lease left behind) is
 * taken over when the app is built again on the same database — it goes on from the first row without an outcome,
 * and no row is imported twice.
 */
let t: TestApp;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterAll(async () => {
  await t.app.close(); // the app built again (the first one was closed by the test)
  await t.database.close();
});

/**
 * The director uploads `rows` and runs them while another instance holds the import's lease, which it then lets go
 * of: the run is asked for and no instance of this test has started it.
 */
async function runStartedElsewhere(fileName: string, rows: string[][]) {
  const director = new Client(t.app);
  expect((await director.post('/auth/login', { username: 'director', password: 'demo1234' })).status).toBe(200);
  const up = await upload(director, fileName, utf8Csv([HEADER, ...rows]));
  const id = up.body.id as number;
  const lease = `import:${id}`;
  expect(await claimLease(t.database.db, lease, 'other-instance', 60_000)).toBe(true);
  expect((await director.post(`/imports/${id}/run`)).status).toBe(202);
  await sleep(300);
  await releaseLease(t.database.db, lease, 'other-instance');
  return { director, id };
}

describe('an import interrupted by a restart', () => {
  it('is resumed from its last committed batch by the next app instance', async () => {
    t = await createTestApp();
    const director = await t.login('director');
    const codes = Array.from({ length: 23 }, (_, i) => 7000 + i);
    const up = await upload(director, 'restart.csv', utf8Csv([HEADER, ...codes.map((k) => goodRow(k))]));
    expect(up.status).toBe(201);
    const id = up.body.id as number;
    const lease = `import:${id}`;

    // another instance holds the import while it is started here: this instance's runner leaves it alone
    expect(await claimLease(t.database.db, lease, 'other-instance', 60_000)).toBe(true);
    expect((await director.post(`/imports/${id}/run`)).status).toBe(202);
    await sleep(300); // this instance's attempt to take it, made as the run started, has found it held
    await releaseLease(t.database.db, lease, 'other-instance');
    // that instance runs two batches of 5 and stops (as a crash would: its lease is left, still valid for a moment)
    let checks = 0;
    await runImport(t.database.db, id, {
      holder: 'crashing-instance',
      clock: () => t.clock.now,
      stopping: () => checks++ >= 2,
      batchRows: 5,
    });
    expect(await claimLease(t.database.db, lease, 'crashing-instance', 1)).toBe(true);
    const halfway = (await director.get(`/imports/${id}`)).body;
    expect(halfway).toMatchObject({ status: 'running', processed: 10, created: 10 });

    // the app is stopped and built again on the same database: its start takes the import over
    await t.app.close();
    await sleep(20); // the left lease runs out
    const app = await buildApp({ config: t.config, database: t.database, clock: () => t.clock.now, logger: false });
    await app.ready();
    t.app = app;
    const again = new Client(app);
    expect((await again.post('/auth/login', { username: 'director', password: 'demo1234' })).status).toBe(200);
    const done = await finished(again, id);
    expect(done).toMatchObject({ status: 'done', rowCount: 23, processed: 23, created: 23, failed: 0, skipped: 0 });
    const counts = await t.database.query<{ n: number }>(
      'select count(*)::int as n from customers where credit_code = any($1) group by credit_code',
      [codes.map((k) => creditCode(k))],
    );
    expect(counts).toHaveLength(23);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const told = await t.database.query(`select 1 from notifications where kind = 'import.finished' and ref_id = $1`, [
      id,
    ]);
    expect(told).toHaveLength(1);
  }, 60_000);

  it('leaves the rows another instance handled after they were read ahead of their batch', async () => {
    const codes = Array.from({ length: 8 }, (_, i) => 7200 + i);
    const { director, id } = await runStartedElsewhere(
      'ahead.csv',
      codes.map((k) => goodRow(k)),
    );
    // an instance reads the rows ahead of its next batch …
    const found = (await findImportRow(t.database.db, id, null))!;
    const ahead = await readAhead(t.database.db, await planOf(t.database.db, found, found.runAs!), id, 0, 8);
    expect(ahead).toHaveLength(8);
    // … while another, holding the import now, runs a batch of 5 of them
    let checks = 0;
    await runImport(t.database.db, id, {
      holder: 'other-instance',
      clock: () => t.clock.now,
      stopping: () => checks++ >= 1,
      batchRows: 5,
    });
    // the batch read ahead takes only the rows still without an outcome
    const pending = await t.database.db.transaction((tx) =>
      lockPending(
        tx,
        id,
        ahead.map((r) => r.row),
      ),
    );
    expect([...pending]).toEqual(ahead.slice(5).map((r) => r.row));
    await runImport(t.database.db, id, { holder: 'next-instance', clock: () => t.clock.now, stopping: () => false });
    expect((await director.get(`/imports/${id}`)).body).toMatchObject({ status: 'done', processed: 8, created: 8 });
    const counts = await t.database.query<{ n: number }>(
      'select count(*)::int as n from customers where credit_code = any($1) group by credit_code',
      [codes.map((k) => creditCode(k))],
    );
    expect(counts.map((c) => c.n)).toEqual(codes.map(() => 1));
  });

  it('gives way to the requests being answered between the slices of the rows it reads ahead', async () => {
    const codes = Array.from({ length: 60 }, (_, i) => 7300 + i);
    const { director, id } = await runStartedElsewhere(
      'give-way.csv',
      codes.map((k) => goodRow(k)),
    );
    let givenWay = 0;
    await runImport(t.database.db, id, {
      holder: 'next-instance',
      clock: () => t.clock.now,
      stopping: () => false,
      batchRows: 30,
      giveWay: async () => {
        givenWay++;
        await sleep(1);
      },
    });
    expect((await director.get(`/imports/${id}`)).body).toMatchObject({ status: 'done', processed: 60, created: 60 });
    // two batches of 30 rows, each read ahead in slices of 25: before rows 1 and 26 of each
    expect(givenWay).toBe(4);
  });

  it('is failed with its counts when it can no longer run, never left running', async () => {
    const { director, id } = await runStartedElsewhere('gone.csv', [goodRow(7100), goodRow(7101)]);
    // meanwhile its mapping lost a required column (as if the stored settings were damaged)
    await t.database.query(`update imports set mapping = mapping - 'name' where id = $1`, [id]);
    await runImport(t.database.db, id, { holder: 'next-instance', clock: () => t.clock.now, stopping: () => false });
    const failed = (await director.get(`/imports/${id}`)).body;
    expect(failed).toMatchObject({ status: 'failed', processed: 0, created: 0 });
    expect(failed.finishedAt).toBeTruthy();
  });
});
