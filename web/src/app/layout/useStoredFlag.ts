import { useCallback, useState } from 'react';

const read = (key: string) => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};

/** A yes/no choice of the user's kept in the browser (e.g. the collapsed menu), so a reload keeps it. */
export function useStoredFlag(key: string): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => read(key));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        if (next) localStorage.setItem(key, '1');
        else localStorage.removeItem(key);
      } catch {
        // private mode: the choice lasts for this page only
      }
    },
    [key],
  );
  return [value, set];
}
