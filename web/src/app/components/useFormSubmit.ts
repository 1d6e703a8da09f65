import type { FormInstance, FormProps } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState, type MouseEvent } from 'react';
import { newIdempotencyKey } from '../api.ts';
import { handleFormError } from '../forms.ts';
import { useUnsavedChanges } from '../unsaved.tsx';

export type FormSubmitOptions<V, R> = {
  /** The values the form starts from (read when it mounts, like antd's Form); edits are measured against them. */
  initialValues?: Partial<V>;
  /**
   * Sends the values. `idempotencyKey` belongs to this opening of the form and is renewed after each save: a create
   * sends it, so that a double click or a retry after a lost answer creates one record (issue 14, item 5).
   */
  submit: (values: V, idempotencyKey: string) => Promise<R>;
  onSuccess?: (result: R) => void;
  /** Default: the API's field errors on their fields, and the error's text. */
  onError?: (form: FormInstance<V>, error: unknown) => void;
  /** Ask before leaving unsaved edits (default); off for forms whose text is kept anyway. */
  guard?: boolean;
};

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Whether two form values are the same for the user: empty is empty, dates by their instant, objects by their keys. */
export function sameValues(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (dayjs.isDayjs(a) || dayjs.isDayjs(b)) return dayjs.isDayjs(a) && dayjs.isDayjs(b) && a.isSame(b);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValues(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/**
 * What every form of the app does when it is sent (issue 14, items 3 and 5): its submit is busy from the first click
 * until the answer (a second click finds it so), the request carries the form's idempotency key, the API's field
 * errors land on their fields, and edits not yet saved are reported to the unsaved-changes guard.
 * Spread `formProps` on the Form and `submitProps` on its submit button (or call `submit()` from a dialog's OK).
 */
export function useFormSubmit<V extends object, R>(
  form: FormInstance<V>,
  { initialValues, submit, onSuccess, onError = handleFormError, guard = true }: FormSubmitOptions<V, R>,
) {
  const [baseline] = useState(initialValues ?? {});
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const inFlight = useRef(false);
  const release = useUnsavedChanges(guard && dirty);

  const onFinish = async (values: V) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const result = await submit(values, idempotencyKey);
      setIdempotencyKey(newIdempotencyKey());
      setDirty(false);
      release(); // saved: leaving now (e.g. to the new record's page) is not leaving unsaved edits
      onSuccess?.(result);
    } catch (error) {
      onError(form, error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const formProps: FormProps<V> = {
    form,
    initialValues: baseline,
    onFinish: (values) => void onFinish(values),
    onFinishFailed: () => {
      if (!inFlight.current) setBusy(false);
    },
    onValuesChange: () => setDirty(!sameValues(form.getFieldsValue(true), baseline)),
  };

  /** Busy before validation even starts, so that the second click of a double click lands on a busy button. */
  const startFromClick = (e?: MouseEvent) => {
    if (inFlight.current || busy) {
      e?.preventDefault();
      return false;
    }
    setBusy(true);
    return true;
  };

  return {
    busy,
    dirty,
    /** Forget the edits (after a reset of the form to its initial values). */
    markClean: () => {
      setDirty(false);
      release();
    },
    formProps,
    submitProps: { loading: busy, onClick: startFromClick },
    /** For a button outside the form (a dialog's OK): the same as clicking a submit button. */
    submit: () => {
      if (startFromClick()) form.submit();
    },
  };
}
