import type { App } from 'antd';
import i18next from 'i18next';
import { isApiError } from './api.ts';
import { translateServerMessage } from './i18n.ts';

/**
 * antd's message and modal bound to the app's ConfigProvider (locale, theme). `AppFeedback` in the shell fills these
 * in; plain functions below can then be called from any event handler.
 */
type AppApi = ReturnType<typeof App.useApp>;
let messageApi: AppApi['message'] | undefined;
let modalApi: AppApi['modal'] | undefined;

export function bindFeedback({ message, modal }: AppApi) {
  messageApi = message;
  modalApi = modal;
}

export const feedback = {
  get message() {
    if (!messageApi) throw new Error('feedback used before the shell mounted');
    return messageApi;
  },
  get modal() {
    if (!modalApi) throw new Error('feedback used before the shell mounted');
    return modalApi;
  },
};

/** The translated text for an error: the API error code's text in the current language. */
export function errorText(error: unknown): string {
  const code = isApiError(error) ? error.code : 'UNKNOWN';
  const key = `common:errors.${code}`;
  return i18next.exists(key) ? i18next.t(key) : isApiError(error) ? error.message : i18next.t('common:errors.UNKNOWN');
}

/** Shows an error as a message; the request id goes along for server faults so a user can report it. */
export function showError(error: unknown) {
  if (!isApiError(error)) console.warn(error);
  let text = errorText(error);
  if (isApiError(error) && error.status >= 500 && error.requestId) {
    text += ` (${i18next.t('common:errors.requestId')}: ${error.requestId})`;
  }
  void feedback.message.error(text);
}

/**
 * The error of an action that has no form (a row's button): what the server said about the field it concerns, when
 * it said something (e.g. why this user cannot be disabled), else the error code's text. `own` gives this screen's
 * words for a field.
 */
export function showActionError(error: unknown, own: Record<string, string> = {}) {
  const said = isApiError(error)
    ? error.details.filter((d) => d.message).map((d) => own[d.path] ?? translateServerMessage(d.message))
    : [];
  if (!said.length) return showError(error);
  void feedback.message.error(said.join('; '));
}

/** 「保存成功」 and friends. */
export const showSuccess = (key: 'saved' | 'deleted' | 'assigned' | 'reassigned' | 'done' = 'saved') =>
  void feedback.message.success(i18next.t(`common:${key}`));
