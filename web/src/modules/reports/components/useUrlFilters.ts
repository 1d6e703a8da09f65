import { useSearchParams } from 'react-router';

/** A report's filters in the address (shareable, kept on reload): their values and one setter per name. */
export function useUrlFilters<K extends string>(names: readonly K[]) {
  const [search, setSearch] = useSearchParams();
  const values = Object.fromEntries(names.map((n) => [n, search.get(n) ?? undefined])) as Record<K, string | undefined>;
  const set = (changes: Partial<Record<K, string | undefined>>) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes) as [K, string | undefined][]) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  return [values, set] as const;
}
