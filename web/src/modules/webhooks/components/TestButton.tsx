import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback, showError } from '../../../app/feedback.ts';
import { testWebhook } from '../api.ts';

/**
 * 测试: sends one test message to the receiver now (docs/webhooks.md#delivery, rule 5) and says what came of it —
 * delivered with its status and time, or the error the receiver (or the network) gave.
 */
export function TestButton({ id, name }: { id: number; name: string }) {
  const { t } = useTranslation('webhooks');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await testWebhook(id);
      if (r.delivered)
        feedback.modal.success({
          title: t('test.delivered'),
          content: t('test.deliveredDetail', { status: r.statusCode, ms: r.durationMs }),
        });
      else
        feedback.modal.error({
          title: t('test.failed'),
          content: <span className="webhook-error">{r.error}</span>,
        });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type="link"
      size="small"
      icon={<SendOutlined />}
      loading={busy}
      onClick={run}
      aria-label={`${t('test.action')} ${name}`}
    >
      {t('test.action')}
    </Button>
  );
}
