import type { FormatKind } from '@crm/contracts';
import { FORMAT_CHECKS } from '@crm/contracts/values';
import type { FormInstance, FormRule } from 'antd';
import i18next from 'i18next';
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

/**
 * A field's format rule (issue 14, item 4): the contracts' own check, so the form refuses what the API would,
 * with the same words as the API's refusal (`common:formats.<kind>`). Empty is left to the `required` rule.
 */
export const formatRule = (kind: FormatKind): FormRule => ({
  validator: (_, value: unknown) => {
    const text = typeof value === 'string' ? value.trim() : '';
    return !text || FORMAT_CHECKS[kind](text)
      ? Promise.resolve()
      : Promise.reject(new Error(i18next.t(`common:formats.${kind}`)));
  },
});
