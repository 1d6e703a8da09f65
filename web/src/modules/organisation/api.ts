import type { CreateDepartmentBody, Department, UpdateDepartmentBody, User } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the organisation module: one place for its API paths and cache keys. */

export const DEPARTMENTS = '/departments';

/** The whole tree, parents before their children (GET /departments, every signed-in user). */
export const useDepartments = () =>
  useQuery({
    queryKey: [DEPARTMENTS],
    queryFn: ({ signal }) => apiGet<Department[]>(DEPARTMENTS, undefined, signal),
    staleTime: 30_000,
  });

// a department's user count changes with users' departments; users show their department's name
const refresh = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: [DEPARTMENTS] }),
    queryClient.invalidateQueries({ queryKey: ['/users'] }),
  ]);

export const useCreateDepartment = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateDepartmentBody>) =>
      apiPost<Department>(DEPARTMENTS, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdateDepartment = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateDepartmentBody & { id: number }) =>
      apiPatch<Department>(`${DEPARTMENTS}/${id}`, body),
    onSuccess: refresh,
  });

export const deleteDepartment = async (id: number) => {
  await apiDelete(`${DEPARTMENTS}/${id}`);
  await refresh();
};

/** One user by id (GET /users/:id, `user.manage`), e.g. a department's leader; off while `enabled` is false. */
export const useUser = (id: number | null | undefined, enabled = true) =>
  useQuery({
    queryKey: ['/users', id],
    queryFn: ({ signal }) => apiGet<User>(`/users/${id}`, undefined, signal),
    enabled: enabled && id != null,
    staleTime: 60_000,
  });

/** Active users whose username or name contains `q` (GET /users, `user.manage`), for the leader picker. */
export const useUserSearch = (q: string, enabled = true) =>
  useQuery({
    queryKey: ['/users', { q, active: 'true', pageSize: 20 }],
    queryFn: ({ signal }) =>
      apiGet<{ items: User[] }>('/users', { q: q || undefined, active: 'true', pageSize: 20 }, signal).then(
        (p) => p.items,
      ),
    enabled,
    staleTime: 30_000,
  });
