import type { ApiToken, ApiTokenOverview, CreatedApiToken, CreateTokenBody, SessionInfo } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** One's own tokens, sessions and two-step verification; the administrator's overview of tokens (docs/sign-in.md). */

export const MY_TOKENS = '/me/tokens';
export const ALL_TOKENS = '/tokens';
export const MY_SESSIONS = '/me/sessions';

export const useMyTokens = () =>
  useQuery({ queryKey: [MY_TOKENS], queryFn: ({ signal }) => apiGet<ApiToken[]>(MY_TOKENS, undefined, signal) });

export const useAllTokens = () =>
  useQuery({
    queryKey: [ALL_TOKENS],
    queryFn: ({ signal }) => apiGet<ApiTokenOverview[]>(ALL_TOKENS, undefined, signal),
  });

const refreshTokens = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: [MY_TOKENS] }),
    queryClient.invalidateQueries({ queryKey: [ALL_TOKENS] }),
  ]);

export const useCreateToken = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateTokenBody>) =>
      apiPost<CreatedApiToken>(MY_TOKENS, body, idempotencyKey),
    onSuccess: refreshTokens,
  });

export const revokeOwnToken = async (id: number) => {
  await apiDelete(`${MY_TOKENS}/${id}`);
  await refreshTokens();
};
export const revokeAnyToken = async (id: number) => {
  await apiDelete(`${ALL_TOKENS}/${id}`);
  await refreshTokens();
};

export const useMySessions = () =>
  useQuery({
    queryKey: [MY_SESSIONS],
    queryFn: ({ signal }) => apiGet<SessionInfo[]>(MY_SESSIONS, undefined, signal),
  });

const refreshSessions = () => queryClient.invalidateQueries({ queryKey: [MY_SESSIONS] });
export const endSession = async (id: number) => {
  await apiDelete(`${MY_SESSIONS}/${id}`);
  await refreshSessions();
};
export const endOtherSessions = async () => {
  await apiDelete(MY_SESSIONS);
  await refreshSessions();
};

/** Two-step verification: each step re-reads the signed-in user (its `twoFactorEnabled` and what it may open). */
const refreshMe = () => queryClient.invalidateQueries({ queryKey: ['session'] });
export const setUpTwoFactor = () => apiPost<{ secret: string; otpauthUrl: string }>('/me/two-factor/setup');
export const enableTwoFactor = async (code: string) => {
  const answer = await apiPost<{ recoveryCodes: string[] }>('/me/two-factor/enable', { code });
  return answer;
};
export const afterTwoFactorChange = refreshMe;
export const disableTwoFactor = async (body: { password: string; code: string }) => {
  await apiPost('/me/two-factor/disable', body);
  await refreshMe();
};
