import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** An instant as the lists show it, or `none` (default —). */
export const when = (iso: string | null, none = '—') => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : none);

/** A token's expiry: the instant, "never", or a red "expired". */
export const expiry = (t: TFunction<'account'>, iso: string | null) => {
  if (!iso) return t('tokens.never');
  if (dayjs(iso).isBefore(dayjs())) return <Tag color="red">{t('tokens.expired')}</Tag>;
  return when(iso);
};
