import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../../app/api.ts';
import { showError } from '../../../app/feedback.ts';
import { downloadReport } from '../api.ts';

/** CSV and Excel downloads of the report with the filters on screen (all rows, not only the page). */
export function ExportButtons({ path, filters }: { path: string; filters: QueryParams }) {
  const { t } = useTranslation('reports');
  const [busy, setBusy] = useState<'csv' | 'xlsx'>();
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(format);
    downloadReport(path, filters, format)
      .catch(showError)
      .finally(() => setBusy(undefined));
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => run('csv')}>
        {t('exportCsv')}
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')}>
        {t('exportXlsx')}
      </Button>
    </>
  );
}

/** "Data as of …": how current the figures are (for the contribution, the last sales refresh). */
export function AsOf({ asOf, sales = false }: { asOf: string | null | undefined; sales?: boolean }) {
  const { t } = useTranslation('reports');
  if (asOf === undefined) return null;
  return (
    <Typography.Text type="secondary" data-testid="report-as-of">
      {asOf === null
        ? t('salesNeverRefreshed')
        : t(sales ? 'salesAsOf' : 'asOf', { time: dayjs(asOf).format('YYYY-MM-DD HH:mm') })}
    </Typography.Text>
  );
}

/** Year choices: this year and the nine before it. */
export function yearOptions() {
  const now = new Date().getFullYear();
  return Array.from({ length: 10 }, (_, i) => ({ value: String(now - i), label: String(now - i) }));
}
