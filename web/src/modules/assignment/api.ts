import type { AssignmentRule, CreateAssignmentRuleBody, Page, UpdateAssignmentRuleBody } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** docs/assignment-rules.md: the rules, in the order they are tried. */
export const RULES = '/assignment-rules';

export const useRules = () =>
  useQuery({
    queryKey: [RULES],
    queryFn: ({ signal }) => apiGet<Page<AssignmentRule>>(RULES, { pageSize: 100 }, signal),
  });

const refresh = () => queryClient.invalidateQueries({ queryKey: [RULES] });

export const useCreateRule = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateAssignmentRuleBody>) =>
      apiPost<AssignmentRule>(RULES, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdateRule = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateAssignmentRuleBody & { id: number }) =>
      apiPatch<AssignmentRule>(`${RULES}/${id}`, body),
    onSuccess: refresh,
  });

export const deleteRule = async (id: number) => {
  await apiDelete(`${RULES}/${id}`);
  await refresh();
};
