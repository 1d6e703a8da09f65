import type { Permission, SessionUser } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, apiPost, isApiError, queryClient, setSessionEndedHandler, type SessionEnd } from './api.ts';

const SESSION_KEY = ['session'] as const;

type Session = {
  /** `undefined` while `GET /auth/me` is under way, `null` when nobody is signed in. */
  user: SessionUser | null | undefined;
  /**
   * Why the last session ended, when the user did not sign out: it expired (401), or the account was disabled
   * meanwhile (ACCOUNT_DISABLED). The sign-in page says so.
   */
  ended: SessionEnd | undefined;
  /** The user, or `twoFactor` when the second step is asked for (docs/sign-in.md#two-step-verification). */
  signIn: (username: string, password: string) => Promise<SessionUser | 'twoFactor'>;
  signInSecondStep: (body: { code: string } | { recoveryCode: string }) => Promise<SessionUser>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | undefined>(undefined);

async function fetchMe(): Promise<SessionUser | null> {
  try {
    return (await api<{ user: SessionUser }>('/auth/me', { quiet401: true })).user;
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

/**
 * Asks for the session as soon as the app's code runs (main.tsx), beside the first page's code, rather than after
 * React's first render; the session provider's query then takes this answer (issue 23: the request chain of a load).
 * The page has asked for it before any script (index.html's `preload`): this request, same address, mode and
 * credentials, takes that answer instead of going out again.
 */
export async function prefetchSession(): Promise<SessionUser | null | undefined> {
  await queryClient.prefetchQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: Infinity });
  return queryClient.getQueryData<SessionUser | null>(SESSION_KEY);
}

/** Forget everything cached for the last user, so the next one never sees it. */
function forgetUserData(user: SessionUser | null) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, user);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const me = useQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: Infinity });
  const [endedBy, setEndedBy] = useState<SessionEnd>();

  useEffect(() => {
    setSessionEndedHandler((why) => {
      if (queryClient.getQueryData(SESSION_KEY) || why === 'disabled') setEndedBy(why);
      forgetUserData(null);
    });
    return () => setSessionEndedHandler(undefined);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api<{ user: SessionUser } | { twoFactorRequired: true }>('/auth/login', {
      method: 'POST',
      body: { username, password },
      quiet401: true,
    });
    if ('twoFactorRequired' in answer) return 'twoFactor' as const;
    setEndedBy(undefined);
    forgetUserData(answer.user);
    return answer.user;
  }, []);

  const signInSecondStep = useCallback(async (body: { code: string } | { recoveryCode: string }) => {
    const { user } = await api<{ user: SessionUser }>('/auth/login/two-factor', {
      method: 'POST',
      body,
      quiet401: true,
    });
    setEndedBy(undefined);
    forgetUserData(user);
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiPost('/auth/logout');
    } finally {
      setEndedBy(undefined);
      forgetUserData(null);
    }
  }, []);

  const user = me.isError ? null : me.data;
  // opened with the session of a user disabled since: `GET /auth/me` answers ACCOUNT_DISABLED
  const ended = endedBy ?? (isApiError(me.error) && me.error.code === 'ACCOUNT_DISABLED' ? 'disabled' : undefined);
  const value = useMemo(
    () => ({ user, ended, signIn, signInSecondStep, signOut }),
    [user, ended, signIn, signInSecondStep, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components under the signed-in layout. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

/** Whether `user` holds a permission (any of several, given an array). */
export function holds(user: SessionUser | null | undefined, permission: Permission | readonly Permission[]) {
  const held = user?.permissions ?? [];
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((p) => held.includes(p));
}

/** `can('user.manage')`: whether the signed-in user holds a permission (any of several, given an array). */
export function useCan(): (permission: Permission | readonly Permission[]) => boolean {
  const { user } = useSession();
  return useCallback((permission) => holds(user, permission), [user]);
}
