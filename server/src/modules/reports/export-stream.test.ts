import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { download, readXlsx, WHOLE_COMPANY } from '../../test/factories.ts';
import { batches } from './batches.ts';
import { churnPage, contributionPage, type ChurnDbRow, type ContributionDbRow } from './repo.ts';
import { customerContribution } from './service.ts';

/**
 * Exports read the database in batches (cursor on PostgreSQL, a numbered snapshot on PGlite), never all rows at once.
 */
let t: TestApp;
let executive: Client;
const N = 20_000;
const LOST = 2_500;

beforeAll(async () => {
  t = await createTestApp();
  executive = await t.login('executive');
  const [manager] = await t.database.query<{ id: number }>("select id from users where username = 'manager1'");
  await t.database.query(
    `insert into customers (number, name, manager_id)
     select 'BULK' || lpad(g::text, 6, '0'), '批量客户' || g, $1 from generate_series(1, ${N}) g`,
    [manager!.id],
  );
  // only 500 different amounts: many ties, which the batches must neither skip nor repeat
  await t.database.query(
    `insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
     select 'BULK' || lpad(g::text, 6, '0'), 2026, (g % 500) * 10.5, 1, '2026-03-01' from generate_series(1, ${N}) g`,
  );
  // lost customers confirmed at the same instant: ties again
  await t.database.query(
    `insert into churn_warnings (customer_id, manager_id, status, reason, confirmed_at)
     select id, manager_id, 'lost', '原因', '2026-10-01T08:00:00Z' from customers order by id limit ${LOST}`,
  );
  // as after any bulk load: fresh statistics, so that the planner knows the tables' sizes
  await t.database.query('analyze customers, customer_sales_years, churn_warnings');
}, 300_000);
afterAll(() => t.close());

async function collect<T>(source: AsyncIterable<T[]>) {
  const sizes: number[] = [];
  const all: T[] = [];
  for await (const batch of source) {
    sizes.push(batch.length);
    all.push(...batch);
  }
  return { sizes, all };
}

describe('reading an export in batches', () => {
  it('reads 20,000 contribution rows in batches of 1,000, in the report order, none skipped or repeated', async () => {
    const { sizes, all } = await collect(
      batches<ContributionDbRow>(t.database, contributionPage({ customerName: '批量' }, WHOLE_COMPANY), 1_000),
    );
    expect(sizes).toEqual(Array(20).fill(1_000));
    const expected = await t.database.query<{ id: number }>(
      `select c.id from customers c join customer_sales_years y on y.customer_no = c.number order by y.amount desc, c.id`,
    );
    expect(all.map((r) => r.customerId)).toEqual(expected.map((r) => r.id));
  });

  it('reads churn rows with equal confirmation times in batches too', async () => {
    const { sizes, all } = await collect(batches<ChurnDbRow>(t.database, churnPage({}, WHOLE_COMPANY), 1_000));
    expect(sizes).toEqual([1_000, 1_000, 500]);
    expect(new Set(all.map((r) => r.warningId)).size).toBe(LOST);
  });

  it('gives the connection back when the reader stops early', async () => {
    for await (const batch of batches<ContributionDbRow>(t.database, contributionPage({}, WHOLE_COMPANY), 500)) {
      expect(batch).toHaveLength(500);
      break;
    }
    const open = await t.database.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'",
    );
    expect(open[0]!.n).toBe(0);
    const snapshots = await t.database.query<{ n: number }>(
      "select count(*)::int as n from pg_class where relname like 'report_export_%'",
    );
    expect(snapshots[0]!.n).toBe(0);
    expect((await executive.get('/reports/contribution?pageSize=1')).status).toBe(200);
  });

  it('streams the CSV: the first bytes come before the rest is read, and a stopped download ends the reading', async () => {
    const deps = { config: t.config, database: t.database, db: t.database.db } as unknown as Deps;
    const ctx = { actor: WHOLE_COMPANY, requestId: 'test', now: new Date() } as unknown as Ctx;
    const answer = await customerContribution(deps, ctx, {
      page: 1,
      pageSize: 20,
      format: 'csv',
      lang: 'zh',
      customerName: undefined,
    });
    if (!('file' in answer)) throw new Error('expected a file');
    const body: Readable = answer.file.body;
    const first = await new Promise<Buffer>((resolve) => body.once('data', resolve));
    expect(first.toString('utf8').startsWith('\uFEFF客户编号')).toBe(true);
    body.destroy();
    expect((await executive.get('/reports/churn?pageSize=1')).body.total).toBe(LOST);
  });
});

describe('exporting 20,000 rows over HTTP', () => {
  it('answers every row in the CSV', async () => {
    const file = await download(
      t,
      executive.cookie,
      `/reports/contribution?format=csv&customerName=${encodeURIComponent('批量')}`,
    );
    expect(file.status).toBe(200);
    const records = parse(file.text.slice(1), { record_delimiter: '\r\n' });
    expect(records).toHaveLength(N + 1);
    expect(records[1]).toEqual(['BULK000499', '批量客户499', '5239.5']);
  });

  it('answers every row in the XLSX', async () => {
    const file = await download(t, executive.cookie, '/reports/churn?format=xlsx');
    const sheet = await readXlsx(file.bytes);
    expect(sheet.rows).toHaveLength(LOST + 1);
  });
});
