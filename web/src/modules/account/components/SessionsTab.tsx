import type { SessionInfo } from '@crm/contracts';
import { LogoutOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';
import { useSession } from '../../../app/session.tsx';
import { endOtherSessions, endSession, useMySessions } from '../api.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { when } from './when.tsx';

/** A short name of a browser from its user agent: "Chrome on Windows"; the whole text on hover. */
function device(agent: string | null, unknown: string) {
  if (!agent) return unknown;
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Chrome\//.test(agent)
      ? 'Chrome'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Safari\//.test(agent)
          ? 'Safari'
          : undefined;
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : undefined;
  return browser || system ? [browser, system].filter(Boolean).join(' · ') : agent.slice(0, 60);
}

/** 登录会话: where one is signed in; end one, or all the others. */
export function SessionsTab() {
  const { t } = useTranslation('account');
  const sessions = useMySessions();
  const layout = useTableLayout();
  const { signOut } = useSession();
  const navigate = useNavigate();

  const end = async (s: SessionInfo) => {
    await endSession(s.id);
    if (s.current) {
      await signOut().catch(() => undefined);
      navigate('/login', { replace: true });
    }
  };

  const columns: TableColumnsType<SessionInfo> = [
    {
      title: t('sessions.device'),
      dataIndex: 'userAgent',
      render: (agent: string | null, s) => (
        <Space size={4} wrap>
          <span title={agent ?? undefined}>{device(agent, t('sessions.unknownDevice'))}</span>
          {s.current && <Tag color="green">{t('sessions.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('sessions.address'),
      dataIndex: 'address',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', responsive: WIDE_ONLY, render: (v: string) => when(v) },
    { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => when(v) },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, s) => (
        <ConfirmAction
          label={t('sessions.end')}
          icon={<LogoutOutlined />}
          confirm={t('sessions.endConfirm')}
          done={t('sessions.ended')}
          run={() => end(s)}
        />
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sessions.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <ConfirmAction
          type="default"
          label={t('sessions.endOthers')}
          confirm={t('sessions.endOthersConfirm')}
          done={t('sessions.ended')}
          run={endOtherSessions}
        />
      </div>
      <Table<SessionInfo>
        rowKey="id"
        columns={columns}
        {...layout}
        dataSource={sessions.data ?? []}
        loading={sessions.isFetching}
        pagination={false}
      />
    </>
  );
}
