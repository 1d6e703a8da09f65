import type { FormInstance } from 'antd';
import { isApiError } from './api.ts';
import { showError } from './feedback.ts';
import { translateServerMessage } from './i18n.ts';

/** `roles.0` → `['roles', 0]`: the server's detail path as an antd name path. */
const namePath = (path: string) => path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * Puts the `details` of an ApiError (`[{path, message}]`) on the form's fields so the user sees what to fix where.
 * Answers whether there were any.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const fields = error.details
    .filter((d) => d.path)
    .map((d) => ({ name: namePath(d.path), errors: [translateServerMessage(d.message)] }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** The usual `onError` of a form's mutation: mark the fields, and say what went wrong. */
export function handleFormError(form: FormInstance, error: unknown) {
  applyFieldErrors(form, error);
  showError(error);
}
