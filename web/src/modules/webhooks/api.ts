import type {
  CreateWebhookBody,
  Page,
  UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookTestResult,
} from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the webhooks module (docs/webhooks.md): its API paths and cache keys in one place. */

export const WEBHOOKS = '/webhooks';
export const deliveriesPath = (id: number) => `${WEBHOOKS}/${id}/deliveries`;

/** Every receiver: an administration has a handful, so one page of 100 is all of them. */
export const useWebhooks = () =>
  useQuery({
    queryKey: [WEBHOOKS, 'all'],
    queryFn: ({ signal }) => apiGet<Page<Webhook>>(WEBHOOKS, { pageSize: 100 }, signal),
  });

export const useWebhook = (id: number) =>
  useQuery({
    queryKey: [WEBHOOKS, id],
    queryFn: ({ signal }) => apiGet<Webhook>(`${WEBHOOKS}/${id}`, undefined, signal),
  });

const refresh = () => queryClient.invalidateQueries({ queryKey: [WEBHOOKS] });

export const useCreateWebhook = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateWebhookBody>) =>
      apiPost<Webhook>(WEBHOOKS, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdateWebhook = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateWebhookInput & { id: number }) => apiPatch<Webhook>(`${WEBHOOKS}/${id}`, body),
    onSuccess: refresh,
  });

export const deleteWebhook = async (id: number) => {
  await apiDelete(`${WEBHOOKS}/${id}`);
  await refresh();
};

/** POST /webhooks/:id/test: one test message, sent at once; the answer says what came of it. */
export const testWebhook = async (id: number) => {
  const result = await apiPost<WebhookTestResult>(`${WEBHOOKS}/${id}/test`);
  await refresh();
  return result;
};

export const redeliver = async (webhookId: number, deliveryId: string) => {
  const result = await apiPost<WebhookDelivery>(`${deliveriesPath(webhookId)}/${deliveryId}/redeliver`);
  await refresh();
  return result;
};
