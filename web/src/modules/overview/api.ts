import type { CustomerOverview } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api.ts';

/** The overview's query; its key under the customer's, so that the customer's changes refresh it. */
export const overviewQuery = (customerId: number) =>
  queryOptions({
    queryKey: ['/customers', customerId, 'overview'],
    queryFn: ({ signal }) => apiGet<CustomerOverview>(`/customers/${customerId}/overview`, undefined, signal),
  });

export const useOverview = (customerId: number) => useQuery(overviewQuery(customerId));
