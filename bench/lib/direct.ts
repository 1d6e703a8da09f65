import type { Db } from '../../server/src/db/client.ts';
import { percentile } from './load.ts';
import { appModule, contributionCall } from './app-calls.ts';

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
 * The same query the endpoint runs, through the repo's own function on a plain pg-backed Drizzle db, one at a time:
 * what the endpoint adds on top (HTTP, session check, validation, serialisation) is the ratio of the two p50s.
 */
export async function directTimings(db: Db, durationS: number, year: number): Promise<Direct[]> {
  const out: Direct[] = [];
  const customers = await appModule('server/src/modules/customers/repo.ts');
  const listCustomers = customers.listCustomers;
  if (listCustomers) {
    out.push({ key: 'sql.customers.page1', name: 'Customer list, page 1 (repo listCustomers)', endpointKey: 'customers.page1', ...(await time(() => listCustomers(db, { limit: 20, offset: 0 }), durationS)) });
  } else out.push({ key: 'sql.customers.page1', name: 'Customer list, page 1', endpointKey: 'customers.page1', skipped: 'customers repo not found' });

  const contribution = contributionCall(await appModule('server/src/modules/reports/repo.ts'));
  for (const [key, endpointKey, y] of [['sql.reports.contribution', 'reports.contribution', undefined], ['sql.reports.contribution.year', 'reports.contribution.year', year]] as const) {
    const name = `Contribution report${y ? `, ${y}` : ''}`;
    if (!contribution) {
      out.push({ key, name, endpointKey, skipped: 'reports repo (contribution) not there' });
      continue;
    }
    const filter = y === undefined ? {} : { year: y };
    out.push({ key, name: `${name} (repo ${contribution.name})`, endpointKey, ...(await time(() => contribution.run(db, filter), durationS)) });
  }
  return out;
}
