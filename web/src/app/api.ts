import type { ErrorDetail } from '@crm/contracts';
import { QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';

/**
 * Every failed API call becomes one of these (docs/product.md#api-conventions, rule 8, Errors); `status` 0 means the
 * server was not reached.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export const API_BASE = '/api/v1';

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in and the start-up `me` check answer 401 as part of their job: no "session expired" for them. */
  quiet401?: boolean;
  /** A POST that creates: its replay (a double click, a retry after a lost answer) answers the first answer. */
  idempotencyKey?: string;
  /** Another API than the staff one: the customer portal's `/api/portal/v1` (docs/portal.md). */
  base?: string;
};

/** A create's body with the idempotency key of the form that sends it (issue 14, item 5). */
export type Idempotent<B> = B & { idempotencyKey?: string };

/** Why a session ended without the user signing out: it expired (401), or the account was disabled meanwhile. */
export type SessionEnd = 'expired' | 'disabled';
let onSessionEnded: ((why: SessionEnd) => void) | undefined;
/** The session layer registers what a 401 or ACCOUNT_DISABLED means for the app: forget the user, back to sign-in. */
export function setSessionEndedHandler(handler: ((why: SessionEnd) => void) | undefined) {
  onSessionEnded = handler;
}

/**
 * A fresh `Idempotency-Key` (a random UUID). `crypto.randomUUID` exists only in secure contexts (https, localhost);
 * the app may be opened over plain http on an office network, where `getRandomValues` still is.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `?a=1&b=x`, leaving out empty values so that "no filter" is simply absent. */
export function toSearch(query?: QueryParams): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string };
    };
    const e = body.error;
    if (e?.code) return new ApiError(response.status, e.code, e.message ?? e.code, e.details ?? [], e.requestId);
  } catch {
    // not JSON: a proxy or the network answered, not our server
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
    response.statusText || 'Request failed',
  );
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: accept };
  // the few texts the server writes (the churn risk's reasons, docs/churn-risk.md#the-score, rule 6) in the UI's language
  if (i18next.language) headers['Accept-Language'] = i18next.language;
  // docs/product.md#api-conventions, rule 3, CSRF: every write carries this header, which a cross-site form cannot set.
  if (method !== 'GET') headers['X-Requested-With'] = 'XMLHttpRequest';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${options.base ?? API_BASE}${path}${toSearch(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401) onSessionEnded?.('expired');
    // issue 14, item 7: a user disabled while signed in is told so on the sign-in page
    else if (error.code === 'ACCOUNT_DISABLED' && !options.quiet401) onSessionEnded?.('disabled');
    throw error;
  }
  return response;
}

/** Calls `/api/v1<path>` and answers the parsed JSON body (`undefined` for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, query?: QueryParams, signal?: AbortSignal) => api<T>(path, { query, signal });
export const apiPost = <T>(path: string, body?: unknown, idempotencyKey?: string) =>
  api<T>(path, { method: 'POST', body: body ?? {}, idempotencyKey });
export const apiPatch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const apiDelete = (path: string) => api<void>(path, { method: 'DELETE' });

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches a file (e.g. a report as `?format=csv|xlsx`) with the session and hands it to the browser as a download. */
export async function download(path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> {
  const response = await send(path, { query }, '*/*');
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retrying an answer does not change it; retry only when the server was not reached.
      retry: (count, error) => count < 2 && isApiError(error) && error.status === 0,
    },
    mutations: { retry: false },
  },
});

// answers that carry texts in the UI's language are asked again in the new one
i18next.on('languageChanged', () => void queryClient.invalidateQueries());
