import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** One Drizzle type for both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Plain SQL with positional parameters, for the few places (locks, bulk loads) where Drizzle adds nothing. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * A statement of fixed text run on (nearly) every request: on PostgreSQL a named prepared statement, parsed and
   * planned once per connection instead of on each run; on the embedded database the same as `query`.
   */
  prepared<R = Record<string, unknown>>(name: string, text: string, params: unknown[]): Promise<R[]>;
  close(): Promise<void>;
  /**
   * Listens on a notification channel: on PostgreSQL through ONE connection of its own (outside the pool), kept open
   * and reconnected with back-off — `onReconnect` then says that messages may have been missed meanwhile; on the
   * embedded database in process. Answers the function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
  /** The embedded instance, when there is one (the sales adapter and tests reuse it). */
  pglite?: PGlite;
  pool?: pg.Pool;
};

/**
 * The one reading of a timestamp that raw SQL returns: the API's ISO-8601 instant (`2026-11-25T08:30:00.000Z`).
 * Drizzle hands raw results' `timestamptz` columns over as the database's text on both drivers (its typed builder maps
 * them to `Date` itself), so `rows()` (db/sql.ts) and `pageWithTotal()` (db/page.ts) apply this; no repo converts
 * timestamps by hand.
 */
export const parseTimestamp = (value: string | Date) => new Date(value).toISOString();
/** PostgreSQL's type id of `timestamptz`, the only timestamp type of the schema. */
export const TIMESTAMPTZ = 1184;

// Dates stay `YYYY-MM-DD` strings, timestamps become ISO strings and bigint counts numbers, on both drivers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamp);

/** The planner's cost above which JIT-compiled code is optimised and inlined (PostgreSQL's default: 500,000). */
export const JIT_OPTIMIZE_ABOVE_COST = 10_000_000;

export function openPostgres(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'crm',
    // JIT compiles without LLVM's optimisation and inlining unless a statement is really big (docs/PERFORMANCE.md,
    // "JIT"): a scoped statement's cost passes the default thresholds while it runs in a fraction of the ~900 ms
    // they spent optimising it; plain compilation still speeds up the big aggregates of the reports
    options: `-c jit_optimize_above_cost=${JIT_OPTIMIZE_ABOVE_COST} -c jit_inline_above_cost=${JIT_OPTIMIZE_ABOVE_COST}`,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  pool.on('connect', (client) => {
    // A checked-out client (a transaction between two statements) has no listener of the pool's: when the database
    // goes away (`pg_ctl -m immediate`, a failover) its 'error' event would end the whole process. The statement in
    // flight still fails, the request answers 5xx, and the pool drops the dead client when it is released.
    client.on('error', () => {});
  });
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    query: async (text, params) => (await pool.query(text, params)).rows,
    prepared: async (name, text, params) => (await pool.query({ name, text, values: params })).rows,
    close: () => pool.end(),
    listen: (channel, onMessage, onReconnect) => listenPostgres(url, channel, onMessage, onReconnect),
    pool,
  };
}

/** A channel's `LISTEN` on one dedicated connection, checked every 30 s and reopened (1 s … 30 s apart) when lost. */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let delay = 1_000;
  let retry: NodeJS.Timeout | undefined;
  const ping = setInterval(() => {
    client?.query('select 1').catch(() => lost(client));
  }, 30_000);
  ping.unref();

  const lost = (dead: pg.Client | undefined) => {
    if (stopped || dead !== client || !dead) return;
    client = undefined;
    dead.end().catch(() => {});
    retry = setTimeout(() => void open(true), delay);
    retry.unref();
    delay = Math.min(delay * 2, 30_000);
  };
  const open = async (again: boolean) => {
    const next = new pg.Client({ connectionString: url, application_name: 'crm-listen', keepAlive: true });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (m) => {
      if (m.channel === channel && m.payload !== undefined) onMessage(m.payload);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      delay = 1_000;
      if (again) onReconnect();
    } catch (error) {
      if (!again) {
        client = undefined;
        await next.end().catch(() => {});
        throw error;
      }
      lost(next);
    }
  };
  await open(false);
  return async () => {
    stopped = true;
    clearInterval(ping);
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

const pgliteParsers = {
  1082: (v: string) => v, // date
  20: (v: string) => Number(v), // int8
  [TIMESTAMPTZ]: parseTimestamp,
};

/**
 * The embedded database's buffer cache (docs/OPERATIONS.md#memory). PostgreSQL's default, 128 MB, lives inside
 * PGlite's WebAssembly memory, which never shrinks, and is most of an idle embedded server's memory; PGlite reads its
 * files through the operating system, whose cache holds them again, so a small one costs little.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * The embedded database's machine code (docs/OPERATIONS.md#memory): V8 compiles PGlite's WebAssembly with its quick
 * baseline compiler (Liftoff) only, without optimising the hot functions again in the background. The optimised
 * copies cost about 60 MB of the process's memory and a core's time at start; the queries of a company on the
 * embedded database run somewhat slower (up to 2× on big scans), which its size allows — PostgreSQL is the database
 * for large data. Set before PGlite's module is compiled; it concerns WebAssembly only.
 */
const PGLITE_V8_FLAGS = '--liftoff-only';

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  v8.setFlagsFromString(PGLITE_V8_FLAGS);
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm },
    parsers: pgliteParsers,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  return wrapPglite(pglite);
}

function wrapPglite(pglite: PGlite): Database {
  return {
    kind: 'pglite',
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as never,
    prepared: async (_name, text, params) => (await pglite.query(text, params)).rows as never,
    close: () => pglite.close(),
    listen: async (channel, onMessage) => pglite.listen(channel, onMessage),
    pglite,
  };
}
