import type { Database } from '../../server/src/db/client.ts';
import { percentile } from './load.ts';
import { appModule, contributionCall, WHOLE_COMPANY } from './app-calls.ts';

export type Direct = { key: string; name: string; endpointKey: string; p50?: number; runs?: number; skipped?: string };

async function time(fn: () => Promise<unknown>, durationS: number) {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) await fn(); // warm-up: plans cached, pages in memory
  const until = performance.now() + durationS * 1000;
  while (samples.length < 10 || (performance.now() < until && samples.length < 2000)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), runs: samples.length };
}

/**
 * The session tokens' hashes of the roles whose endpoints are compared (none before the server has signed anyone in).
 */
export type SessionHashes = { manager?: string; executive?: string };

/**
 * The same SQL the endpoint's request runs, through the app's own functions on a plain pg-backed database, one at a
 * time: the session lookup (every request makes it, when there is a session to look up), the repo call, and for the
 * report its as-of date. What the endpoint adds on top (HTTP, validation, serialisation, the driver's pool) is the
 * ratio of the two p50s.
 */
export async function directTimings(
  database: Database,
  durationS: number,
  year: number,
  sessions: SessionHashes = {},
): Promise<Direct[]> {
  const db = database.db;
  const out: Direct[] = [];
  const { findSession } = await appModule('server/src/modules/access/session-repo.ts');
  const lookup = async (hash: string | undefined) => {
    if (hash && findSession) await findSession(database, hash);
  };
  const withSession = (hash: string | undefined) => (hash && findSession ? 'session lookup + ' : '');
  const customers = await appModule('server/src/modules/customers/repo.ts');
  const listCustomers = customers.listCustomers;
  if (listCustomers) {
    const run = async () => {
      await lookup(sessions.manager);
      await listCustomers(db, WHOLE_COMPANY, { limit: 20, offset: 0 });
    };
    out.push({
      key: 'sql.customers.page1',
      name: `Customer list, page 1 (${withSession(sessions.manager)}listCustomers)`,
      endpointKey: 'customers.page1',
      ...(await time(run, durationS)),
    });
  } else
    out.push({
      key: 'sql.customers.page1',
      name: 'Customer list, page 1',
      endpointKey: 'customers.page1',
      skipped: 'customers repo not found',
    });

  const reports = await appModule('server/src/modules/reports/repo.ts');
  const contribution = contributionCall(reports);
  for (const [key, endpointKey, y] of [
    ['sql.reports.contribution', 'reports.contribution', undefined],
    ['sql.reports.contribution.year', 'reports.contribution.year', year],
  ] as const) {
    const name = `Contribution report${y ? `, ${y}` : ''}`;
    if (!contribution) {
      out.push({ key, name, endpointKey, skipped: 'reports repo (contribution) not there' });
      continue;
    }
    const filter = y === undefined ? {} : { year: y };
    const run = async () => {
      await lookup(sessions.executive);
      await contribution.run(db, filter);
      await reports.salesAsOf?.(db);
    };
    out.push({
      key,
      name: `${name} (${withSession(sessions.executive)}${contribution.name} + salesAsOf)`,
      endpointKey,
      ...(await time(run, durationS)),
    });
  }
  return out;
}
