import type { CreateDictionaryBody, DictionaryEntry, UpdateDictionaryBody } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { apiDelete, apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

export const DICTIONARY = '/dictionary';
export type DictionaryRow = DictionaryEntry & { inUse: boolean };

/** The types that exist, for the type field's suggestions. */
export const useDictionaryTypes = () =>
  useQuery({
    queryKey: [DICTIONARY, 'types'],
    queryFn: ({ signal }) => apiGet<string[]>(`${DICTIONARY}/types`, undefined, signal),
  });

/** All entries of one type (e.g. `region`) for a Select in another module's form. */
export const useDictionaryEntries = (type: string) =>
  useQuery({
    queryKey: [DICTIONARY, { type, pageSize: 100 }],
    queryFn: ({ signal }) =>
      apiGet<{ items: DictionaryRow[] }>(DICTIONARY, { type, pageSize: 100 }, signal).then((p) => p.items),
    staleTime: 60_000,
  });

/** The system's own types by their names (地区 / 企业客户等级 / 服务类型); others as typed. */
export function typeLabel(t: TFunction, type: string): string {
  return t(`dictionary:types.${type}`, { defaultValue: type });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: [DICTIONARY] });

export const useCreateEntry = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateDictionaryBody>) =>
      apiPost<DictionaryRow>(DICTIONARY, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useUpdateEntry = () =>
  useMutation({
    mutationFn: ({ id, ...body }: UpdateDictionaryBody & { id: number }) =>
      apiPatch<DictionaryRow>(`${DICTIONARY}/${id}`, body),
    onSuccess: refresh,
  });

export const deleteEntry = async (id: number) => {
  await apiDelete(`${DICTIONARY}/${id}`);
  await refresh();
};
