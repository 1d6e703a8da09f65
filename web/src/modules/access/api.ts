import type {
  AssigneeFamily,
  CreateRoleBody,
  CreateUserBody,
  HandoverAnswer,
  PersonRef,
  Role,
  UpdateRoleBody,
  UpdateUserBody,
  User,
} from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the access module: one place for its API paths and cache keys. */

export const USERS = '/users';
export const ROLES = '/roles';
/** GET /team: the users inside one's customer scope with the open work each holds (a director's handover list). */
export const TEAM = '/team';

/**
 * Active users holding the manager role inside the user's scope for the family the work belongs to: who work can be
 * given to (GET /assignees?family=, `assignee.read`; docs/organisation.md#data-scope, rule 5).
 */
export const useAssignees = (family: AssigneeFamily, enabled = true) =>
  useQuery({
    queryKey: ['/assignees', family],
    queryFn: ({ signal }) => apiGet<PersonRef[]>('/assignees', { family }, signal),
    enabled,
    staleTime: 60_000,
  });

export type PermissionInfo = { code: string; module: string; description: string };

export const useRoles = () =>
  useQuery({ queryKey: [ROLES], queryFn: ({ signal }) => apiGet<Role[]>(ROLES, undefined, signal) });

export const usePermissions = () =>
  useQuery({
    queryKey: ['/permissions'],
    queryFn: ({ signal }) => apiGet<PermissionInfo[]>('/permissions', undefined, signal),
    staleTime: Infinity,
  });

const refreshUsers = () => queryClient.invalidateQueries({ queryKey: [USERS] });
// role.userCount changes with users' roles
const refreshRoles = () => queryClient.invalidateQueries({ queryKey: [ROLES] });

export const useCreateUser = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateUserBody>) => apiPost<User>(USERS, body, idempotencyKey),
    onSuccess: () => Promise.all([refreshUsers(), refreshRoles()]),
  });

export const useUpdateUser = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: number }) => apiPatch<User>(`${USERS}/${id}`, body),
    onSuccess: () => Promise.all([refreshUsers(), refreshRoles()]),
  });

/**
 * POST /users/:id/handover (docs/organisation.md#transfer-and-handover, rule 2): the counts moved. Every list may
 * have changed hands, so every cached query is refreshed.
 */
export const useHandOver = () =>
  useMutation({
    mutationFn: ({ id, toUserId, idempotencyKey }: Idempotent<{ id: number; toUserId: number }>) =>
      apiPost<HandoverAnswer>(`${USERS}/${id}/handover`, { toUserId }, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries(),
  });

export const useCreateRole = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateRoleBody>) => apiPost<Role>(ROLES, body, idempotencyKey),
    onSuccess: refreshRoles,
  });

export const useUpdateRole = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateRoleBody & { id: number }) => apiPatch<Role>(`${ROLES}/${id}`, body),
    onSuccess: refreshRoles,
  });

export const deleteRole = async (id: number) => {
  await apiDelete(`${ROLES}/${id}`);
  await refreshRoles();
};
