import type {
  ImportCheck,
  ImportDetail,
  ImportRecord,
  ImportRevert,
  ImportUpload,
  UpdateImportBody,
} from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, API_BASE, apiGet, apiPatch, apiPost, download, queryClient } from '../../app/api.ts';

/** The imports module's API paths and cache keys (docs/imports.md). */
export const IMPORTS = '/imports';

/** An import (with its kept check's answer), asked again every second while it runs: the live progress. */
export const useImport = (id: number | undefined) =>
  useQuery({
    queryKey: [IMPORTS, id],
    queryFn: ({ signal }) => apiGet<ImportDetail>(`${IMPORTS}/${id}`, undefined, signal),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
    staleTime: 0,
  });

const refresh = () => queryClient.invalidateQueries({ queryKey: [IMPORTS] });

/** POST /imports: the file as multipart/form-data (the one call of the app that sends no JSON). */
export async function uploadFile(file: File): Promise<ImportUpload> {
  const body = new FormData();
  body.append('entity', 'customers');
  body.append('file', file);
  const response = await fetch(`${API_BASE}${IMPORTS}`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    credentials: 'same-origin',
    body,
  });
  const answer = (await response.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: []; requestId?: string };
  };
  if (!response.ok) {
    const e = answer.error;
    throw new ApiError(
      response.status,
      e?.code ?? 'UNKNOWN',
      e?.message ?? response.statusText,
      e?.details ?? [],
      e?.requestId,
    );
  }
  await refresh();
  return answer as unknown as ImportUpload;
}

export const saveSettings = (id: number, body: UpdateImportBody) => apiPatch<ImportRecord>(`${IMPORTS}/${id}`, body);
export const checkImport = (id: number) => apiPost<ImportCheck>(`${IMPORTS}/${id}/check`);
export async function runImport(id: number) {
  const answer = await apiPost<{ id: number; status: string }>(`${IMPORTS}/${id}/run`);
  await refresh();
  return answer;
}
export async function revertImport(id: number) {
  const answer = await apiPost<ImportRevert>(`${IMPORTS}/${id}/revert`);
  await refresh();
  return answer;
}
/** The errors file (rule 8), its headers and reasons' column in the UI's language (zh or en). */
export const downloadErrors = (id: number, format: 'csv' | 'xlsx', language: string) =>
  download(
    `${IMPORTS}/${id}/errors`,
    { format, lang: language.startsWith('zh') ? 'zh' : 'en' },
    `import-${id}-errors.${format}`,
  );
