import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError, pgErrorCode } from '../platform/errors.ts';

/** Plain SQL with positional parameters against the sales system. */
export type SalesQuery = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/**
 * The sales system (SALES-SYSTEM.md) as the CRM reaches it: read-only, with time-outs, and a clear
 * 503 `SALES_UNAVAILABLE` when it cannot be reached, so that nothing else in the CRM waits on it.
 */
export type SalesSystem = {
  /** Where it lives: its own database, the CRM database's `sales` schema on PostgreSQL, or the embedded one. */
  readonly kind: 'separate' | 'shared-postgres' | 'embedded';
  /** Runs `work` inside one read-only transaction; unreachable or too slow → AppError SALES_UNAVAILABLE. */
  read<T>(work: (q: SalesQuery) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  /** One query in its own read-only transaction. */
  query: SalesQuery;
  close(): Promise<void>;
};

export const SALES_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 2_000;

/** Errors that mean "the sales system is not there (or not answering)", not a bug of ours. */
const UNAVAILABLE_CODES = /^(08|28|53|57|3D|3F)|^42P01$/; // connection, auth, resources, shutdown/timeout, no db/schema, no table
const UNAVAILABLE_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

export function isSalesUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code) return UNAVAILABLE_CODES.test(code);
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && UNAVAILABLE_NODE.has(e.code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /timeout|terminated|Connection|ECONNREFUSED|closed/i.test(message);
}

export const salesUnavailable = () =>
  new AppError('SALES_UNAVAILABLE', 'The sales system cannot be reached at the moment; try again later');

function guard(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (isSalesUnavailable(error)) throw salesUnavailable();
  throw error;
}

/** Its own small pool, so that a slow sales system never holds up the CRM's own connections. */
function poolSalesSystem(kind: 'separate' | 'shared-postgres', connectionString: string): SalesSystem {
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    application_name: 'crm-sales',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // the server stops a slow statement; the client gives up a little later if the server itself hangs
    statement_timeout: SALES_TIMEOUT_MS,
    query_timeout: SALES_TIMEOUT_MS + 1_000,
  });
  pool.on('error', () => {
    // an idle connection died (the sales system went away); the next checkout opens a new one
  });
  const read: SalesSystem['read'] = async (work, options = {}) => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      return guard(error);
    }
    let broken = false;
    // a connection that dies while checked out reports here, not as an unhandled error of the process
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('begin read only');
      if (options.timeoutMs) {
        await client.query(`set local statement_timeout = ${Math.trunc(options.timeoutMs)}`);
      }
      const q: SalesQuery = async (text, params) =>
        (
          await client.query({
            text,
            values: params,
            query_timeout: (options.timeoutMs ?? SALES_TIMEOUT_MS) + 1_000,
          } as pg.QueryConfig)
        ).rows;
      const result = await work(q);
      await client.query('commit');
      return result;
    } catch (error) {
      broken = true;
      return guard(error);
    } finally {
      client.off('error', onError);
      if (broken) {
        // a failed or timed-out connection is not put back: it may be mid-statement or dead
        client.release(true);
      } else {
        client.release();
      }
    }
  };
  return { kind, read, query: (text, params) => read((q) => q(text, params)), close: () => pool.end() };
}

/** PGlite runs one query at a time in this process: the sales schema is read in a read-only transaction there. */
function embeddedSalesSystem(database: Database): SalesSystem {
  const pglite = database.pglite!;
  const read: SalesSystem['read'] = async (work) => {
    try {
      return await pglite.transaction(async (tx) => {
        await tx.exec('set transaction read only');
        const q: SalesQuery = async (text, params) => (await tx.query(text, params as unknown[])).rows as never;
        return work(q);
      });
    } catch (error) {
      return guard(error);
    }
  };
  return { kind: 'embedded', read, query: (text, params) => read((q) => q(text, params)), close: async () => {} };
}

/**
 * SALES-SYSTEM.md, "How the CRM reaches it": `SALES_DATABASE_URL` when set; otherwise the `sales` schema of the
 * CRM's own database (through a separate small pool on PostgreSQL, inside the embedded instance on PGlite).
 */
export function createSalesSystem(config: Pick<Config, 'salesDatabaseUrl'>, database: Database): SalesSystem {
  if (config.salesDatabaseUrl) return poolSalesSystem('separate', config.salesDatabaseUrl);
  if (database.kind === 'postgres') {
    const url = database.pool?.options.connectionString;
    if (!url) throw new Error('The PostgreSQL pool has no connection string to reach the sales schema with');
    return poolSalesSystem('shared-postgres', url);
  }
  return embeddedSalesSystem(database);
}
