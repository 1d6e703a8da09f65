/**
 * Why is an endpoint slow? `node --import tsx bench/explain.ts [--database-url URL] [--only customers]`
 *
 * Calls the app's own repo functions (the ones the endpoints call) on a pg-backed Drizzle db whose logger captures
 * every statement with its parameters, then runs each captured statement again under
 * `EXPLAIN (ANALYZE, BUFFERS)` — inside a transaction that is rolled back, so the writing ones (the churn check)
 * change nothing. Prints the plans: the input for the index and query proposals in docs/PERFORMANCE.md.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../server/src/db/client.ts';
import * as schema from '../server/src/db/schema/index.ts';
import { benchDatabaseUrl, fmtMs, parseArgs } from './lib/args.ts';
import { appModule, contributionCall, readerOf, WHOLE_COMPANY } from './lib/app-calls.ts';
import { REGIONAL } from './lib/gen-users.ts';
import { REFRESH_STATEMENTS } from '../server/src/sales/figures-read.ts';
import { firstMonthKept } from '../server/src/sales/risk.ts';

type Captured = { query: string; params: unknown[] };
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { url } = benchDatabaseUrl(args);
  const only = args.get('only');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  let captured: Captured[] = [];
  const db = drizzle(pool, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  }) as unknown as Db;

  const customers = await appModule('server/src/modules/customers/repo.ts');
  const opportunities = await appModule('server/src/modules/opportunities/repo.ts');
  const services = await appModule('server/src/modules/services/repo.ts');
  const churn = await appModule('server/src/modules/churn/repo.ts');
  const scan = await appModule('server/src/modules/churn/scan-repo.ts');
  const reports = await appModule('server/src/modules/reports/repo.ts');
  const workbench = await appModule('server/src/modules/reports/workbench-repo.ts');
  const search = await appModule('server/src/modules/search/repo.ts');
  const { termsOf } = await import('../server/src/modules/search/service.ts');
  const contribution = contributionCall(reports);
  const {
    rows: [manager],
  } = await pool.query(`select manager_id as id from customers group by 1 order by count(*) desc limit 1`);
  const year = new Date().getFullYear() - 1;
  const page = { limit: 20, offset: 0 };
  const yearRange = { from: new Date(year, 0, 1), to: new Date(year + 1, 0, 1) };
  const sixMonthsAgo = new Date(Date.now() - 183 * 86_400_000);
  const all = WHOLE_COMPANY;
  // the regional director (docs/organisation.md#data-scope: departmentTree) of the bench data, when it has one
  const regional = await readerOf(async (text, params) => (await pool.query(text, params)).rows, REGIONAL).catch(
    () => undefined,
  );

  const managerReader = await readerOf(async (text, params) => (await pool.query(text, params)).rows, 'manager1').catch(
    () => undefined,
  );
  // global search (docs/search.md) as the manager: every kind, as the endpoint reads them one after another
  const searchAll = (q: string) => async () => {
    const t = termsOf(q);
    const options = { limit: 5, poolPhones: false };
    await search.searchCustomers!(db, managerReader, t, options);
    await search.searchContacts!(db, managerReader, t, options);
    await search.searchOpportunities!(db, managerReader, t, 5);
    await search.searchServices!(db, managerReader, t, 5);
  };
  const cases: [string, (() => Promise<unknown>) | undefined][] = [
    ['search 1 character', managerReader && search.searchCustomers && searchAll('华')],
    ['search 2 characters', managerReader && search.searchCustomers && searchAll('华信')],
    ['search pinyin initials', managerReader && search.searchCustomers && searchAll('hx')],
    ['customers page 1', customers.listCustomers && (() => customers.listCustomers!(db, all, page))],
    [
      'customers page 1 (regional director)',
      regional && customers.listCustomers && (() => customers.listCustomers!(db, regional, page)),
    ],
    [
      'customers name part 华信',
      customers.listCustomers && (() => customers.listCustomers!(db, all, { name: '华信', ...page })),
    ],
    [
      'customers manager filter',
      customers.listCustomers && (() => customers.listCustomers!(db, all, { managerId: manager?.id, ...page })),
    ],
    [
      'opportunities (director)',
      opportunities.listOpportunities && (() => opportunities.listOpportunities!(db, all, page)),
    ],
    [
      'opportunities (regional director)',
      regional && opportunities.listOpportunities && (() => opportunities.listOpportunities!(db, regional, page)),
    ],
    ['services', services.listServices && (() => services.listServices!(db, all, page))],
    [
      'services (regional director)',
      regional && services.listServices && (() => services.listServices!(db, regional, page)),
    ],
    [
      'workbench figures (regional director)',
      regional &&
        workbench.keyFigures &&
        (() => workbench.keyFigures!(db, regional, year + 1, new Date(year + 1, 0, 1), new Date(year + 2, 0, 1))),
    ],
    ['churn warnings (director)', churn.listWarnings && (() => churn.listWarnings!(db, page, all))],
    ['report contribution, all years', contribution && (() => contribution.run(db, {}))],
    [`report contribution, ${year}`, contribution && (() => contribution.run(db, { year }))],
    [
      'report contribution, all years (regional director)',
      regional && contribution && (() => contribution.run(db, {}, regional)),
    ],
    ['report services, all years', reports.servicesPerType && (() => reports.servicesPerType!(db, all))],
    [`report services, ${year}`, reports.servicesPerType && (() => reports.servicesPerType!(db, all, yearRange))],
    ['report composition by level', reports.compositionGroups && (() => reports.compositionGroups!(db, all, 'level'))],
    [
      'report churn',
      reports.churnCount &&
        (async () => {
          await reports.churnCount!(db, {}, all);
          await reports.churnRows!(db, {}, all, 20, 0);
        }),
    ],
    [
      'churn check: recover, create (rolled back)',
      scan.createWarnings &&
        (() =>
          db
            .transaction(async (tx) => {
              const who = { actorId: null, requestId: 'bench-explain' };
              await scan.recoverOrderedAgain!(tx, new Date(), who);
              await scan.createWarnings!(
                tx,
                {
                  at: new Date(),
                  lastOrderBefore: sixMonthsAgo.toISOString().slice(0, 10),
                  createdBefore: sixMonthsAgo,
                },
                who,
              );
              tx.rollback();
            })
            .catch(() => undefined)),
    ],
  ];

  for (const [name, run] of cases) {
    if (only && !name.includes(only)) continue;
    console.log(`\n=== ${name}`);
    if (!run) {
      console.log('    (repo function not there)');
      continue;
    }
    captured = [];
    const t0 = performance.now();
    await run();
    console.log(`    repo call: ${fmtMs(performance.now() - t0)}`);
    for (const c of captured.filter((c) => /^\s*(select|with|insert|update)/i.test(c.query))) await explain(pool, c);
  }
  if (!only || 'sales incremental refresh'.includes(only)) {
    // the sales system is read through its own pool, not Drizzle: its statements come straight from figures-read.ts
    console.log(
      '\n=== sales incremental refresh (the reads of figures-read.ts: back-dated pairs, orders from the cut on)',
    );
    const {
      rows: [w],
    } = await pool.query(`select watermark, settled_before::text as cut from sales_sync where id = 1`);
    const cut = w?.cut ?? new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    // docs/churn-risk.md#the-figures, rule 2: with the monthly figures, whole months from the cut's month on
    const cutMonth = `${cut.slice(0, 7)}-01`;
    const kept = firstMonthKept(new Date());
    await explain(pool, { query: REFRESH_STATEMENTS.backdated, params: [cut, w?.watermark ?? '0', [], []] });
    await explain(pool, {
      query: REFRESH_STATEMENTS.backdatedMonths,
      params: [cutMonth, w?.watermark ?? '0', kept, [], []],
    });
    await explain(pool, { query: REFRESH_STATEMENTS.recent, params: [cut, cutMonth] });
    await explain(pool, { query: REFRESH_STATEMENTS.all, params: [cut] });
    await explain(pool, { query: REFRESH_STATEMENTS.allMonths, params: [kept] });
  }
  await pool.end();
}

async function explain(pool: pg.Pool, c: Captured) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local jit = off'); // as the app's big statements run
    const { rows } = await client.query(`explain (analyze, buffers) ${c.query}`, c.params);
    console.log(`\n--- ${c.query.replace(/\s+/g, ' ').slice(0, 300)}`);
    console.log(`    params: ${JSON.stringify(c.params).slice(0, 200)}`);
    for (const r of rows) console.log(`    ${r['QUERY PLAN']}`);
  } catch (error) {
    console.log(`    (explain failed: ${(error as Error).message})`);
  } finally {
    await client.query('rollback').catch(() => undefined);
    client.release();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
