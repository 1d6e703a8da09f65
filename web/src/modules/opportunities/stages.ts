import type { StageRef } from '@crm/contracts';
import { useMemo } from 'react';
import { useDictionaryEntries } from '../dictionary/api.ts';

/**
 * The stages in their order (docs/pipeline.md#stages, rule 1: by their value, whole numbers numerically), as the
 * server orders the board's columns.
 */
export function useStages(): { stages: StageRef[] | undefined; isError: boolean } {
  const query = useDictionaryEntries('opportunityStage');
  const stages = useMemo(
    () =>
      query.data
        ?.slice()
        .sort((a, b) => {
          const [x, y] = [
            /^\d{1,9}$/.test(a.value) ? Number(a.value) : Infinity,
            /^\d{1,9}$/.test(b.value) ? Number(b.value) : Infinity,
          ];
          return x - y || a.value.localeCompare(b.value) || a.id - b.id;
        })
        .map((e) => ({ id: e.id, item: e.item })),
    [query.data],
  );
  return { stages, isError: query.isError };
}

/** Yuan with two decimals, grouped the way the UI's language writes numbers. */
export const yuan = (n: number | null, lang: string) =>
  n === null ? '—' : n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
