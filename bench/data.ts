/**
 * The benchmark's data generator: `npm run bench:data -- --scale L|M|S|XS [--database-url URL | --pglite DIR]`.
 *
 * Default: (re)creates the database `crm_bench` on the server of BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:55432/postgres). Migrates with the app's `migrate()`, seeds the base data with
 * `seedBase`, adds the staff and the departments they work in (three regions), then fills everything with set-based SQL (`insert … select … generate_series`), never a
 * row at a time: customers, contacts, interaction records, the sales system's products, inventory, orders and lines,
 * opportunities and plan items, services and their history, churn warnings. Then ANALYZE and the app's full refresh
 * of the derived sales figures. Prints the time of every step and writes them to bench/results/load-<scale>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import { fillMissingPinyin } from '../server/src/db/pinyin.ts';
import { openPglite, openPostgres, type Database } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { seedBase } from '../server/src/db/seed/base.ts';
import { refreshSalesFigures } from '../server/src/sales/figures.ts';
import { createSalesSystem } from '../server/src/sales/system.ts';
import { benchDatabaseUrl, fmtMs, parseArgs } from './lib/args.ts';
import { insertContactsAndActivities, insertCustomers, planOrders, type GenContext } from './lib/gen-customers.ts';
import { deferIndexesAndKeys, restore } from './lib/defer.ts';
import { createSalesSchema, insertOrderLines, insertOrders, insertProducts } from './lib/gen-sales.ts';
import { insertDepartments, insertUsers, lookupIds } from './lib/gen-users.ts';
import { insertChurn, insertOpportunities, insertPlanItems, insertServices } from './lib/gen-work.ts';
import { isScaleName, SCALES, type ScaleName } from './lib/scales.ts';
import type { Query } from './lib/sql-params.ts';

export const RESULTS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');

type Step = { step: string; ms: number };

/** The tables the bulk load fills: their secondary indexes and foreign keys are built once, after the load. */
const BULK_TABLES = [
  'customers',
  'contacts',
  'activities',
  'opportunities',
  'plan_items',
  'opportunity_stage_moves',
  'services',
  'service_events',
  'churn_warnings',
  'churn_measures',
  'sales.inventory',
  'sales.orders',
  'sales.order_lines',
];

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function recreateDatabase(adminUrl: string, url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const ident = `"${name.replaceAll('"', '""')}"`;
    await admin.query(`drop database if exists ${ident} with (force)`);
    await admin.query(`create database ${ident}`);
  } finally {
    await admin.end();
  }
}

/** Bulk-load session settings (this connection pool only): no wait for the WAL flush, room for index builds. */
const withLoadOptions = (url: string) => {
  const u = new URL(url);
  u.searchParams.set('options', '-c synchronous_commit=off -c maintenance_work_mem=512MB -c work_mem=64MB');
  return u.toString();
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scaleName = (args.get('scale') ?? 'S').toUpperCase();
  if (!isScaleName(scaleName)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const scale = SCALES[scaleName as ScaleName];
  const pgliteDir = args.get('pglite');

  const steps: Step[] = [];
  const started = performance.now();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      steps.push({ step: `${name} — FAILED`, ms: performance.now() - t0 });
      throw error;
    }
    const ms = performance.now() - t0;
    steps.push({ step: name, ms });
    console.log(`  ${name.padEnd(44)} ${fmtMs(ms).padStart(9)}`);
    return result;
  };

  let database: Database;
  let target: string;
  let databaseUrl: string | undefined;
  if (pgliteDir) {
    const dir = path.resolve(pgliteDir);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
      throw new Error(`${dir} is not empty: give a new or empty folder`);
    fs.mkdirSync(dir, { recursive: true });
    database = await openPglite(dir);
    target = `PGlite in ${dir}`;
  } else {
    const { url, adminUrl, recreate } = benchDatabaseUrl(args);
    if (recreate) await recreateDatabase(adminUrl, url);
    databaseUrl = url;
    database = openPostgres(withLoadOptions(url), { max: 3, applicationName: 'crm-bench-data' });
    target = url.replace(/\/\/[^@/]*@/, '//');
  }
  console.log(`bench:data scale ${scaleName} → ${target}`);

  const q: Query = (text, params) => database.query(text, params);
  const exec = (text: string) => (database.pglite ? database.pglite.exec(text) : database.pool!.query(text));
  const parallel = database.kind === 'postgres';
  const today = localDay(new Date());

  try {
    await step('migrate (app migrate())', () => migrate(database));
    const existing = await q<{ n: number }>('select count(*)::int as n from roles');
    if ((existing[0]?.n ?? 0) > 0)
      throw new Error('The target database is not empty (it has roles): give an empty one');
    await step('base data (seedBase)', () => database.db.transaction((tx) => seedBase(tx)));
    await step(`users (${scale.managers} managers, ${scale.directors} directors, 1 regional)`, () =>
      insertUsers(q, scale),
    );
    await step('departments (3 regions, 6 groups)', () => insertDepartments(q));
    const g: GenContext = { scale, today, span: scale.years * 365, ...(await lookupIds(q)) };

    await step('sales schema (docs/product.md#the-sales-system, rule 1 DDL)', () => createSalesSchema(exec));
    const deferred = await step('defer secondary indexes and foreign keys', () => deferIndexesAndKeys(q, BULK_TABLES));

    await step(`customers (${scale.customers})`, () => insertCustomers(q, g));
    await step('order plan per customer', () => planOrders(q, g));

    const salesBranch = async () => {
      await step(`products (${scale.products}) and inventory`, () => insertProducts(q, g));
      await step(`orders (${scale.orders})`, () => insertOrders(q, g));
      await step(`order lines (${scale.orders * 3})`, () => insertOrderLines(q, g));
    };
    const crmBranch = async () => {
      await step(
        `contacts (${scale.contactsPerCustomer}/customer), interaction records (${scale.activitiesPerCustomer}/customer)`,
        () => insertContactsAndActivities(q, g),
      );
      await step(`opportunities (${scale.opportunities})`, () => insertOpportunities(q, g));
      await step(`plan items (${scale.planItems})`, () => insertPlanItems(q, g));
      await step(`services (${scale.services}) and their history`, () => insertServices(q, g));
    };
    if (parallel) await step('sales ∥ CRM records', () => Promise.all([salesBranch(), crmBranch()]));
    else {
      await salesBranch();
      await crmBranch();
    }

    // docs/search.md#pinyin, rule 4: the names were inserted by SQL, their pinyin is computed as the server does
    await step('pinyin of customer and contact names (app fillMissingPinyin)', () => fillMissingPinyin(database.db));
    await step(`churn warnings (${scale.churnWarnings}) and measures`, () => insertChurn(q, g));
    await q('drop table bench_plan');
    await step(`recreate ${deferred.length} indexes and foreign keys`, () => restore(q, deferred, parallel ? 3 : 1));
    // steady state of a database in use: statistics, and the visibility map set (index-only scans skip the heap)
    await step('vacuum (analyze)', () => q('vacuum (analyze)'));

    const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: pgliteDir ?? os.tmpdir(), LOG_LEVEL: 'warn' });
    const sales = createSalesSystem(config, database);
    try {
      const deps = { config, database, db: database.db, sales };
      await step('full refresh of the sales figures (app)', () => refreshSalesFigures(deps, 'full')).catch(
        async (error) => {
          // A finding, not a reason to leave the bench without figures: the same function with a 10-minute time-out.
          console.log(`  the app's full refresh failed: ${(error as Error).message}`);
          const patient = {
            ...sales,
            read: ((work, options) => sales.read(work, { ...options, timeoutMs: 600_000 })) as typeof sales.read,
          };
          await step('full refresh again, statement time-out 10 min', () =>
            refreshSalesFigures({ ...deps, sales: patient }, 'full'),
          );
        },
      );
    } finally {
      await sales.close();
    }
    await step('analyze derived figures', async () => {
      const derived = await q<{ t: string }>(
        `select c.relname as t from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname like 'customer_sales%'`,
      );
      for (const { t } of derived) await q(`analyze ${t}`);
    });

    const counts = await q<Record<string, number>>(
      `select (select count(*) from customers)::int as customers, (select count(*) from contacts)::int as contacts,
              (select count(*) from activities)::int as activities, (select count(*) from opportunities)::int as opportunities,
              (select count(*) from plan_items)::int as "planItems", (select count(*) from services)::int as services,
              (select count(*) from churn_warnings)::int as "churnWarnings", (select count(*) from sales.orders)::int as orders,
              (select count(*) from sales.order_lines)::int as "orderLines", (select count(*) from sales.products)::int as products,
              (select count(*) from customer_sales_years)::int as "salesFigureRows",
              pg_database_size(current_database())::float8 as "diskBytes"`,
    );
    const total = performance.now() - started;
    console.log(`  ${'total'.padEnd(44)} ${fmtMs(total).padStart(9)}`);
    console.log(
      `  rows: ${Object.entries(counts[0] ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(RESULTS_DIR, `load-${scaleName}${pgliteDir ? '-pglite' : ''}.json`),
      `${JSON.stringify({ scale: scaleName, target: pgliteDir ? 'pglite' : 'postgres', at: new Date().toISOString(), totalMs: Math.round(total), steps: steps.map((s) => ({ ...s, ms: Math.round(s.ms) })), counts: counts[0] }, null, 2)}\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
