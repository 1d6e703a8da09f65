import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../feedback.ts';

/**
 * A part of a page that shows one query's answer: a skeleton while the first answer is on its way (marked busy for
 * screen readers), the error with a retry if it failed, then `children(data)`. Totals, charts and "no data" are drawn
 * from an answer only — never "0 customers" before one has come. Later refetches keep the last answer on screen.
 *
 *   <Loaded query={report}>{(r) => <Typography.Text>{t('total', { total: r.total })}</Typography.Text>}</Loaded>
 */
export function Loaded<T>({
  query,
  children,
  rows = 3,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** lines of the skeleton; 0 for a single line (a total) */
  rows?: number;
}) {
  const { t } = useTranslation();
  if (query.data !== undefined) return children(query.data);
  if (query.isError)
    return (
      <Alert
        type="warning"
        showIcon
        title={`${t('loadFailed')}: ${errorText(query.error)}`}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('retry')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      />
    );
  return (
    <div aria-busy="true" className="loading-skeleton">
      <span className="sr-only">{t('loading')}</span>
      <Skeleton active title paragraph={rows > 0 ? { rows } : false} />
    </div>
  );
}
