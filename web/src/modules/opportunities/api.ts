import type {
  Board,
  BulkAssignAnswer,
  BulkAssignBody,
  CreateOpportunityBody,
  StageMove,
  CreatePlanItemBody,
  Opportunity,
  OpportunityFailedAnswer,
  OpportunitySucceededAnswer,
  PlanItem,
  UpdateOpportunityBody,
  UpdatePlanItemBody,
} from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the opportunities module: its API paths and cache keys in one place. */
export const OPPORTUNITIES = '/opportunities';
const items = (id: number) => `${OPPORTUNITIES}/${id}/plan-items`;

export const useOpportunity = (id: number) =>
  useQuery({
    queryKey: [OPPORTUNITIES, id],
    queryFn: ({ signal }) => apiGet<Opportunity>(`${OPPORTUNITIES}/${id}`, undefined, signal),
  });

export const usePlanItems = (id: number, enabled = true) =>
  useQuery({
    queryKey: [OPPORTUNITIES, id, 'plan-items'],
    queryFn: ({ signal }) => apiGet<PlanItem[]>(items(id), undefined, signal),
    enabled,
  });

const refresh = () => queryClient.invalidateQueries({ queryKey: [OPPORTUNITIES] });

export const useCreateOpportunity = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateOpportunityBody>) =>
      apiPost<Opportunity>(OPPORTUNITIES, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdateOpportunity = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateOpportunityBody & { id: number }) =>
      apiPatch<Opportunity>(`${OPPORTUNITIES}/${id}`, body),
    onSuccess: refresh,
  });

export const deleteOpportunity = async (id: number) => {
  await apiDelete(`${OPPORTUNITIES}/${id}`);
  await refresh();
};

/** 指派 an unassigned opportunity, or 改派 (`reassign`) an assigned one to another manager. */
export const useAssignOpportunity = (reassign = false) =>
  useMutation({
    mutationFn: ({ id, assigneeId, idempotencyKey }: Idempotent<{ id: number; assigneeId: number }>) =>
      apiPost<Opportunity>(
        `${OPPORTUNITIES}/${id}/${reassign ? 'reassign' : 'assign'}`,
        { assigneeId },
        idempotencyKey,
      ),
    onSuccess: refresh,
  });

export const useAddPlanItem = (id: number) =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreatePlanItemBody>) =>
      apiPost<PlanItem>(items(id), body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdatePlanItem = (id: number) =>
  useMutation({
    mutationFn: ({ itemId, ...body }: UpdatePlanItemBody & { itemId: number }) =>
      apiPatch<PlanItem>(`${items(id)}/${itemId}`, body),
    onSuccess: refresh,
  });

export const deletePlanItem = async (id: number, itemId: number) => {
  await apiDelete(`${items(id)}/${itemId}`);
  await refresh();
};

/** A success creates a customer: the customers' lists change too. */
export const useMarkSucceeded = () =>
  useMutation({
    mutationFn: (id: number) => apiPost<OpportunitySucceededAnswer>(`${OPPORTUNITIES}/${id}/succeed`),
    onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['/customers'] })]),
  });

/** 终止开发 with the reason the user gives (issue 14, item 10). */
export const useMarkFailed = () =>
  useMutation({
    mutationFn: ({ id, reason, idempotencyKey }: Idempotent<{ id: number; reason: string }>) =>
      apiPost<OpportunityFailedAnswer>(`${OPPORTUNITIES}/${id}/fail`, { reason }, idempotencyKey),
    onSuccess: refresh,
  });

// ---- the pipeline (docs/pipeline.md) ----

export const BOARD = `${OPPORTUNITIES}/board`;
export type BoardFilters = { assigneeId?: string; closeMonth?: string };

export const useBoard = (filters: BoardFilters) =>
  useQuery({
    queryKey: [OPPORTUNITIES, 'board', filters],
    queryFn: ({ signal }) => apiGet<Board>(BOARD, filters, signal),
  });

export const useStageHistory = (id: number, enabled = true) =>
  useQuery({
    queryKey: [OPPORTUNITIES, id, 'stage-history'],
    queryFn: ({ signal }) => apiGet<StageMove[]>(`${OPPORTUNITIES}/${id}/stage-history`, undefined, signal),
    enabled,
  });

/** Moves an opportunity's stage; the caller updates what it shows (the board does it before the answer). */
export const moveStage = (id: number, stageId: number) =>
  apiPost<Opportunity>(`${OPPORTUNITIES}/${id}/stage`, { stageId });

export const refreshOpportunities = refresh;

export const useMoveStage = () =>
  useMutation({
    mutationFn: ({ id, stageId }: { id: number; stageId: number }) => moveStage(id, stageId),
    onSuccess: refresh,
  });

export const useBulkAssign = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<BulkAssignBody>) =>
      apiPost<BulkAssignAnswer>(`${OPPORTUNITIES}/assign-bulk`, body, idempotencyKey),
    onSuccess: refresh,
  });
