import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { Opportunity } from '@crm/contracts';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { feedback, showError, showSuccess } from '../../../app/feedback.ts';
import { useMarkFailed, useMarkSucceeded } from '../api.ts';

/** 开发成功 / 终止开发, each after a confirmation; 「操作成功」 (SPEC 3.2). The server allows each once. */
export function ClosingActions({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation('marketing');
  const succeed = useMarkSucceeded();
  const fail = useMarkFailed();
  const ask = (kind: 'succeed' | 'fail') =>
    feedback.modal.confirm({
      title: t(`close.${kind}Title`),
      content:
        kind === 'succeed'
          ? t('close.succeedText', { name: o.customerName, manager: o.assignee?.displayName ?? '' })
          : t('close.failText'),
      okText: t(`close.${kind}`),
      okButtonProps: kind === 'fail' ? { danger: true } : undefined,
      cancelText: t('common:actions.cancel'),
      onOk: () => (kind === 'succeed' ? succeed : fail).mutateAsync(o.id).then(() => showSuccess('done'), showError),
    });
  return (
    <Space>
      <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => ask('succeed')} loading={succeed.isPending}>
        {t('close.succeed')}
      </Button>
      <Button danger icon={<StopOutlined />} onClick={() => ask('fail')} loading={fail.isPending}>
        {t('close.fail')}
      </Button>
    </Space>
  );
}
