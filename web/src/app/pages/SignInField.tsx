import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * A labelled field of the sign-in page and its message, laid out as antd's form items are (app.css `.sign-in-field`),
 * without antd's Form.
 */
export function SignInField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="sign-in-field">
      <label htmlFor={id} className="sign-in-field-label">
        {label}
      </label>
      {children}
      <div className="sign-in-field-message">
        {error && (
          <div id={`${id}-error`} role="alert">
            {error}
          </div>
        )}
      </div>
    </div>
  );
}

/** A message above the sign-in form, looking like antd's Alert with its icon, without its code (app.css). */
export function SignInAlert({ type, children }: { type: 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`sign-in-alert sign-in-alert-${type}`} role="alert">
      {type === 'warning' ? <ExclamationCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
      <span>{children}</span>
    </div>
  );
}
