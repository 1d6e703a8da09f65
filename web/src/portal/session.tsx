import type { PortalMe } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, queryClient, setSessionEndedHandler } from '../app/api.ts';
import { fetchMe, ME, signOut as apiSignOut } from './api.ts';

type PortalSession = {
  /** `undefined` while `GET /me` is under way, `null` when nobody is signed in. */
  me: PortalMe | null | undefined;
  /** The session ended without signing out (it expired, or the access was revoked). */
  ended: boolean;
  signedIn: (me: PortalMe) => void;
  signOut: () => Promise<void>;
};

const Context = createContext<PortalSession | undefined>(undefined);

async function me(): Promise<PortalMe | null> {
  try {
    return await fetchMe();
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

/** Forget everything cached for the last portal user, so the next one never sees it. */
function forget(next: PortalMe | null) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[1] !== ME[1] });
  queryClient.setQueryData(ME, next);
}

/** Who is signed in to the portal (docs/portal.md#sessions); a 401 of any call signs out here too. */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const query = useQuery({ queryKey: ME, queryFn: me, staleTime: Infinity });
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    setSessionEndedHandler(() => {
      if (queryClient.getQueryData(ME)) setEnded(true);
      forget(null);
    });
    return () => setSessionEndedHandler(undefined);
  }, []);
  const signedIn = useCallback((next: PortalMe) => {
    setEnded(false);
    forget(next);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setEnded(false);
      forget(null);
    }
  }, []);
  const value = useMemo(
    () => ({ me: query.isError ? null : query.data, ended, signedIn, signOut }),
    [query.isError, query.data, ended, signedIn, signOut],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePortalSession(): PortalSession {
  const session = useContext(Context);
  if (!session) throw new Error('usePortalSession outside PortalSessionProvider');
  return session;
}

/** The signed-in portal user; only under the signed-in layout. */
export function usePortalMe(): PortalMe {
  const { me } = usePortalSession();
  if (!me) throw new Error('usePortalMe without a signed-in portal user');
  return me;
}
