import path from 'node:path';
import { ROOT } from './server.ts';

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
): { name: string; run: (db: unknown, f: { year?: number }) => Promise<unknown> } | undefined {
  const { contributionScreen: screen, contributionTotals: totals, contributionRows: page } = reports;
  if (screen) return { name: 'contributionScreen', run: (db, f) => screen(db, f, 20, 0) };
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
