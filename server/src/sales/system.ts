import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError, pgErrorCode } from '../platform/errors.ts';

/** Plain SQL with positional parameters against the sales system. */
export type SalesQuery = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/**
 * The sales system (docs/product.md#the-sales-system, rule 5) as the CRM reaches it: read-only, with time-outs, and a
 * clear 503 `SALES_UNAVAILABLE` when it cannot be reached, so that nothing else in the CRM waits on it.
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

const SALES_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 2_000;

/** Where a failure of the sales system is told (the app's logger; tests pass their own). */
export type SalesLog = { warn(details: object, message: string): void };

/** An error raised by the sales system itself, as opposed to one of the work done with what it answered. */
class SalesFailure extends Error {
  constructor(readonly original: unknown) {
    super('sales system failure');
  }
}

const NODE_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is it running, is the port right?)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  ENOTFOUND: 'its host name does not resolve (DNS)',
  EAI_AGAIN: 'its host name does not resolve at the moment (DNS)',
};

/** What went wrong, in words an operator acts on: the log line of SALES_UNAVAILABLE. */
function describeSalesFailure(error: unknown): { kind: string; code?: string; text: string } {
  const code = pgErrorCode(error);
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (code === '42501')
    return { kind: 'permission', code, text: `permission denied: grant SELECT to the CRM's role (${message})` };
  if (code === '57014') return { kind: 'timeout', code, text: `a statement hit its time-out (${message})` };
  if (code && /^28/.test(code)) {
    return { kind: 'authentication', code, text: `authentication failed: bad password or unknown role (${message})` };
  }
  if (code && (/^(3D|3F)/.test(code) || ['42P01', '42703', '42883'].includes(code))) {
    return { kind: 'missing', code, text: `what the CRM reads does not exist there: ${message}` };
  }
  if (code) return { kind: 'database', code, text: `it answered an error ${code}: ${message}` };
  if (typeof e?.code === 'string' && NODE_ERRORS[e.code]) {
    const kind = e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'dns' : 'connection';
    return { kind, code: e.code, text: `${NODE_ERRORS[e.code]} (${message})` };
  }
  if (/timeout|timed out/i.test(message)) return { kind: 'timeout', text: `no answer in time (${message})` };
  return { kind: 'connection', text: message };
}

export const salesUnavailable = () =>
  new AppError('SALES_UNAVAILABLE', 'The sales system cannot be reached at the moment; try again later');

/**
 * docs/product.md#the-sales-system, rule 5: the sales system can be slow or down, and the CRM then says so clearly.
 * Whatever the sales system itself raises — no connection, no right to read, a missing table, a time-out — becomes
 * SALES_UNAVAILABLE with one log line saying which; an error of the CRM's own work on the answers stays what it is.
 */
function unavailable(log: SalesLog, error: unknown): never {
  const failure = describeSalesFailure(error);
  log.warn({ salesFailure: failure }, `sales system unavailable: ${failure.text}`);
  throw salesUnavailable();
}

const wrapped = <T>(run: () => Promise<T>) =>
  run().catch((error: unknown) => {
    throw new SalesFailure(error);
  });

const silent: SalesLog = { warn: () => undefined };

/** Its own small pool, so that a slow sales system never holds up the CRM's own connections. */
function poolSalesSystem(
  kind: 'separate' | 'shared-postgres',
  connectionString: string,
  options: { max: number; timeoutMs: number },
  log: SalesLog,
): SalesSystem {
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    application_name: 'crm-sales',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // the server stops a slow statement; the client gives up a little later if the server itself hangs
    statement_timeout: options.timeoutMs,
    query_timeout: options.timeoutMs + 1_000,
  });
  pool.on('error', () => {
    // an idle connection died (the sales system went away); the next checkout opens a new one
  });
  const read: SalesSystem['read'] = async (work, readOptions = {}) => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      return unavailable(log, error);
    }
    let broken = false;
    // a connection that dies while checked out reports here, not as an unhandled error of the process
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    const timeoutMs = readOptions.timeoutMs ?? options.timeoutMs;
    const q: SalesQuery = (text, params) =>
      wrapped(
        async () =>
          (await client.query({ text, values: params, query_timeout: timeoutMs + 1_000 } as pg.QueryConfig)).rows,
      );
    try {
      await q('begin read only');
      if (readOptions.timeoutMs) await q(`set local statement_timeout = ${Math.trunc(readOptions.timeoutMs)}`);
      const result = await work(q);
      await q('commit');
      return result;
    } catch (error) {
      broken = true;
      if (error instanceof SalesFailure) return unavailable(log, error.original);
      throw error;
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
function embeddedSalesSystem(database: Database, log: SalesLog): SalesSystem {
  const pglite = database.pglite!;
  const read: SalesSystem['read'] = async (work) => {
    try {
      return await pglite.transaction(async (tx) => {
        await tx.exec('set transaction read only');
        const q: SalesQuery = (text, params) =>
          wrapped(async () => (await tx.query(text, params as unknown[])).rows as never);
        return work(q);
      });
    } catch (error) {
      if (error instanceof SalesFailure) return unavailable(log, error.original);
      throw error;
    }
  };
  return { kind: 'embedded', read, query: (text, params) => read((q) => q(text, params)), close: async () => {} };
}

/**
 * docs/product.md#the-sales-system, rule 4, "How the CRM reaches it": `SALES_DATABASE_URL` when set; otherwise the
 * `sales` schema of the CRM's own database (through a separate small pool on PostgreSQL, inside the embedded instance
 * on PGlite).
 */
export function createSalesSystem(
  config: Pick<Config, 'salesDatabaseUrl'> & Partial<Pick<Config, 'salesPoolMax' | 'salesTimeoutMs'>>,
  database: Database,
  log: SalesLog = silent,
): SalesSystem {
  const options = { max: config.salesPoolMax ?? 4, timeoutMs: config.salesTimeoutMs ?? SALES_TIMEOUT_MS };
  if (config.salesDatabaseUrl) return poolSalesSystem('separate', config.salesDatabaseUrl, options, log);
  if (database.kind === 'postgres') {
    const url = database.pool?.options.connectionString;
    if (!url) throw new Error('The PostgreSQL pool has no connection string to reach the sales schema with');
    return poolSalesSystem('shared-postgres', url, options, log);
  }
  return embeddedSalesSystem(database, log);
}
