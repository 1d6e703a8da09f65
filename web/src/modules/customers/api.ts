import type {
  Activity,
  Contact,
  CreateActivityBody,
  CreateContactBody,
  CreateCustomerBody,
  Customer,
  DuplicateScanAnswer,
  MergeAnswer,
  MergeBody,
  OrderDetail,
  TransferBody,
  UpdateActivityBody,
  UpdateContactBody,
  UpdateCustomerBody,
} from '@crm/contracts';
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';
import { listParams, pagedListQuery } from '../../app/components/listParams.ts';
import { useAssignees } from '../access/api.ts';
import { overviewQuery } from '../overview/api.ts';

export const CUSTOMERS = '/customers';
const one = (id: number) => `${CUSTOMERS}/${id}`;

const customerQuery = (id: number) =>
  queryOptions({ queryKey: [CUSTOMERS, id], queryFn: ({ signal }) => apiGet<Customer>(one(id), undefined, signal) });
export const useCustomer = (id: number) => useQuery({ ...customerQuery(id), enabled: id > 0 });

/** The customer list's filters in the address (docs/product.md#customers, rule 8). */
export const CUSTOMER_FILTERS = ['number', 'name', 'regionId', 'managerId', 'levelId', 'status'] as const;
export const prefetchCustomerList = (search: URLSearchParams) =>
  queryClient.prefetchQuery(pagedListQuery(CUSTOMERS, listParams(search, CUSTOMER_FILTERS).params));
/** A customer's page opens on the overview, which the page shows once it has the customer: both at once. */
export const prefetchCustomer = (id: number) =>
  id > 0
    ? Promise.all([queryClient.prefetchQuery(customerQuery(id)), queryClient.prefetchQuery(overviewQuery(id))])
    : Promise.resolve();

/**
 * Active managers inside the user's customer scope, for pickers (docs/organisation.md#data-scope, rule 5); only for
 * users who may list them.
 */
export const useManagers = (enabled: boolean) => useAssignees('customers', enabled);

const refreshCustomers = () => queryClient.invalidateQueries({ queryKey: [CUSTOMERS] });

export const useCreateCustomer = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateCustomerBody>) =>
      apiPost<Customer>(CUSTOMERS, body, idempotencyKey),
    onSuccess: refreshCustomers,
  });

/** POST /customers/transfer (docs/organisation.md#transfer-and-handover, rule 1): answers how many moved. */
export const useTransferCustomers = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<TransferBody>) =>
      apiPost<{ transferred: number }>(`${CUSTOMERS}/transfer`, body, idempotencyKey),
    onSuccess: refreshCustomers,
  });

export const useUpdateCustomer = (id: number) =>
  useMutation({
    mutationFn: (body: UpdateCustomerBody) => apiPatch<Customer>(one(id), body),
    // the page shows the saved record at once, before the lists refetch
    onSuccess: (saved) => (queryClient.setQueryData([CUSTOMERS, id], saved), refreshCustomers()),
  });

export const contactsPath = (id: number) => `${one(id)}/contacts`;
export const activitiesPath = (id: number) => `${one(id)}/activities`;
export const ordersPath = (id: number) => `${one(id)}/orders`;

const refresh = (path: string) => () => queryClient.invalidateQueries({ queryKey: [path] });

export const useSaveContact = (customerId: number) =>
  useMutation({
    mutationFn: ({
      id,
      idempotencyKey,
      ...body
    }: Idempotent<(CreateContactBody | UpdateContactBody) & { id?: number }>) =>
      id
        ? apiPatch<Contact>(`${contactsPath(customerId)}/${id}`, body)
        : apiPost<Contact>(contactsPath(customerId), body, idempotencyKey),
    onSuccess: refresh(contactsPath(customerId)),
  });

export const deleteContact = async (customerId: number, id: number) => {
  await apiDelete(`${contactsPath(customerId)}/${id}`);
  await refresh(contactsPath(customerId))();
};

export const useSaveActivity = (customerId: number) =>
  useMutation({
    mutationFn: ({
      id,
      idempotencyKey,
      ...body
    }: Idempotent<(CreateActivityBody | UpdateActivityBody) & { id?: number }>) =>
      id
        ? apiPatch<Activity>(`${activitiesPath(customerId)}/${id}`, body)
        : apiPost<Activity>(activitiesPath(customerId), body, idempotencyKey),
    onSuccess: refresh(activitiesPath(customerId)),
  });

export const deleteActivity = async (customerId: number, id: number) => {
  await apiDelete(`${activitiesPath(customerId)}/${id}`);
  await refresh(activitiesPath(customerId))();
};

export const useOrder = (customerId: number, orderId: number | undefined) =>
  useQuery({
    queryKey: [ordersPath(customerId), orderId],
    queryFn: ({ signal }) => apiGet<OrderDetail>(`${ordersPath(customerId)}/${orderId}`, undefined, signal),
    enabled: !!orderId,
  });

/** Money: yuan with two decimals, grouped (¥1,234.50). */
export const formatMoney = (v: number, locale: string) =>
  v.toLocaleString(locale.startsWith('zh') ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const DUPLICATES = `${CUSTOMERS}/duplicates`;

/** POST /customers/duplicates/scan (docs/duplicates-and-merge.md, rule 2): replaces the groups; answers their number. */
export const useScanDuplicates = () =>
  useMutation({
    mutationFn: () => apiPost<DuplicateScanAnswer>(`${DUPLICATES}/scan`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [DUPLICATES] }),
  });

/** POST /customers/:id/merge (docs/duplicates-and-merge.md, rules 3 to 6): `id` is the survivor. */
export const useMergeCustomers = () =>
  useMutation({
    mutationFn: ({ id, ...body }: MergeBody & { id: number }) => apiPost<MergeAnswer>(`${one(id)}/merge`, body),
    onSuccess: refreshCustomers,
  });
