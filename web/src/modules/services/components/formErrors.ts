import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../app/api.ts';
import { showError } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';

const OWN_TEXTS = ['typeId', 'customerId', 'assigneeId', 'createdTo'] as const;

/**
 * Like `handleFormError`, with this module's own words for the fields the server checks against data (a type that is
 * not a service type, a customer that does not exist, an assignee who is not an active manager).
 */
export function handleServiceFormError(form: FormInstance, error: unknown, t: TFunction) {
  const own = isApiError(error) ? error.details.filter((d) => (OWN_TEXTS as readonly string[]).includes(d.path)) : [];
  if (!own.length) return handleFormError(form, error);
  form.setFields(own.map((d) => ({ name: d.path, errors: [t(`services:errors.${d.path}`)] })));
  showError(error);
}
