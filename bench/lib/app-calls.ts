import path from 'node:path';
import { DATA_SCOPES } from '@crm/contracts';
import type { Reader } from '../../server/src/platform/scope.ts';
import { ROOT } from './server.ts';
import type { Query } from './sql-params.ts';

export type Fn = (...args: unknown[]) => Promise<unknown>;
export type AppModule = Record<string, Fn | undefined>;

/** Loads a module of the app by path, or an empty one when it is not there (yet); untyped on purpose. */
export async function appModule(relative: string): Promise<AppModule> {
  try {
    return (await import(path.join(ROOT, relative))) as AppModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return {};
    throw error;
  }
}

/**
 * What the contribution endpoint runs for one screen page, whichever shape the reports repo has: one statement
 * (`contributionScreen`), or the totals and the page (`contributionTotals` + `contributionRows`).
 */
export function contributionCall(
  reports: AppModule,
): { name: string; run: (db: unknown, f: { year?: number }, reader?: Reader) => Promise<unknown> } | undefined {
  const { contributionScreen: screen, contributionTotals: totals, contributionRows: page } = reports;
  if (screen)
    return { name: 'contributionScreen', run: (db, f, reader = WHOLE_COMPANY) => screen(db, f, reader, 20, 0) };
  if (totals && page) {
    return {
      name: 'contributionTotals + contributionRows',
      run: async (db, f) => {
        await totals(db, f);
        await page(db, f, 20, 0);
      },
    };
  }
  return undefined;
}

/** A reader who sees every record (the executive's and the directors' initial scope). */
export const WHOLE_COMPANY: Reader = {
  id: 0,
  departmentId: null,
  dataScope: { customers: 'all', opportunities: 'all', services: 'all', churn: 'all' },
};

/** A user as the scope condition reads them: id, department and the widest scope of their roles per family. */
export async function readerOf(q: Query, username: string): Promise<Reader> {
  const [row] = await q<{ id: number; departmentId: number | null; dataScope: Reader['dataScope'] }>(
    `select u.id, u.department_id as "departmentId",
            (select json_object_agg(s.family, ($1::text[])[s.widest]) from (
               select rs.family, max(array_position($1::text[], rs.scope)) as widest
               from user_roles ur join role_scopes rs on rs.role_id = ur.role_id where ur.user_id = u.id
               group by rs.family) s) as "dataScope"
     from users u where u.username = $2`,
    [DATA_SCOPES, username],
  );
  if (!row) throw new Error(`no user ${username} in the bench data`);
  return row;
}
