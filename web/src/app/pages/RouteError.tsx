import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * What a page that fails to render or to load (e.g. its code changed on the server since the tab opened) shows,
 * inside the layout, instead of a blank screen. Plain markup: it must not need more code to load.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.warn(error);
  return (
    <div role="alert" style={{ textAlign: 'center', padding: '64px 16px' }}>
      <h1 style={{ fontSize: 20, fontWeight: 600, margin: '0 0 8px' }}>{t('loadFailed')}</h1>
      <p style={{ color: 'rgba(0, 0, 0, 0.6)', margin: '0 0 24px' }}>{t('errors.INTERNAL')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('retry')}
      </Button>
    </div>
  );
}
