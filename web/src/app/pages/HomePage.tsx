import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { modules } from '../modules.ts';
import { useCan, useUser } from '../session.tsx';

/** 工作台: a greeting and the pages the user may open, as shortcuts. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const can = useCan();
  const navigate = useNavigate();
  const entries = modules.flatMap((m) => m.menu.filter((e) => can(e.permission)).map((e) => ({ ...e, module: m.key })));

  return (
    <>
      <PageHeader title={t('home.title')} />
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 20 }}>
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Typography.Text>{t('home.roles')}: </Typography.Text>
        {user.roles.map((r) => (
          <Tag key={r} color="blue">
            {t(`access:roleNames.${r}`, { defaultValue: r })}
          </Tag>
        ))}
      </Card>
      {entries.length > 0 && (
        <Card title={t('home.shortcuts')} style={{ marginTop: 16 }}>
          <Row gutter={[12, 12]}>
            {entries.map((e) => (
              <Col key={e.path} xs={12} md={8} lg={6}>
                <Card hoverable size="small" onClick={() => navigate(e.path)} role="link" tabIndex={0} onKeyDown={(ev) => ev.key === 'Enter' && navigate(e.path)}>
                  <span style={{ marginRight: 8 }}>{e.icon}</span>
                  {t(e.labelKey.includes(':') ? e.labelKey : `${e.module}:${e.labelKey}`)}
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </>
  );
}
