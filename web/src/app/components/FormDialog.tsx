import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showSuccess } from '../feedback.ts';
import { confirmDiscard } from '../unsaved.tsx';
import { useFormSubmit } from './useFormSubmit.ts';

export type FormDialogProps<V extends object, R> = {
  open: boolean;
  title: ReactNode;
  /** The values of the record it opens for (or a new one's defaults); read afresh at every opening. */
  initialValues?: Partial<V>;
  /** Saves; `idempotencyKey` belongs to this opening (a create sends it). The dialog closes after a success. */
  onSubmit: (values: V, idempotencyKey: string) => Promise<R>;
  /** After a save, as the dialog closes; without it 「保存成功」. */
  onSaved?: (result: R) => void;
  /** Default: the API's field errors on their fields, and the error's text. */
  onError?: (form: FormInstance<V>, error: unknown) => void;
  onClose: () => void;
  okText?: ReactNode;
  okDanger?: boolean;
  width?: number;
  /** The form's name: field ids are `<name>_<field>` (no name: the field's name). */
  name?: string;
  /** Shown above the fields, e.g. the record an action is about. */
  intro?: ReactNode;
  /** The fields; a function gets the form (for values that depend on others). */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
};

/**
 * Every dialog with a form (issue 14, items 1, 3 and 5): the form is mounted afresh at each opening with the values of
 * the record it opens for — never the previous record's — and gets a new idempotency key; its OK button is busy from
 * the first click; the API's field errors land on their fields; a success says so and closes; cancelling (or leaving
 * the page) with unsaved edits asks first.
 */
export function FormDialog<V extends object, R = unknown>(props: FormDialogProps<V, R>) {
  // A new key at every opening mounts a new form. While it closes, it keeps showing what it showed when open: the
  // page may already have let go of the record.
  const [opening, setOpening] = useState({ count: 0, open: false, shown: props });
  if (props.open !== opening.open)
    setOpening((o) => ({ count: o.count + (props.open ? 1 : 0), open: props.open, shown: props }));
  else if (props.open && opening.shown !== props) setOpening((o) => ({ ...o, shown: props }));
  return <DialogForm<V, R> key={opening.count} {...opening.shown} open={props.open} onClose={props.onClose} />;
}

function DialogForm<V extends object, R>({
  open,
  title,
  initialValues,
  onSubmit,
  onSaved,
  onError,
  onClose,
  okText,
  okDanger,
  width,
  name,
  intro,
  children,
}: FormDialogProps<V, R>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const sender = useFormSubmit<V, R>(form, {
    initialValues,
    guard: open,
    submit: onSubmit,
    onError,
    onSuccess: (result) => {
      if (onSaved) onSaved(result);
      else showSuccess('saved');
      onClose();
    },
  });
  const cancel = async () => {
    if (!sender.dirty || (await confirmDiscard(t))) onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common:actions.save')}
      okButtonProps={{ danger: okDanger }}
      cancelText={t('common:actions.cancel')}
      onOk={sender.submit}
      onCancel={() => void cancel()}
      confirmLoading={sender.busy}
      destroyOnHidden
    >
      {intro}
      <Form<V> layout="vertical" name={name} preserve={false} {...sender.formProps}>
        {typeof children === 'function' ? children(form) : children}
        {/* Enter in a field sends the form */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
