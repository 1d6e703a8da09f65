import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const show = (v: unknown) => (v === null || v === undefined ? undefined : JSON.stringify(v, null, 2));

/** Before and after of one change, side by side; the fields that changed are listed first. */
export function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('audit');
  const pane = (title: string, value: unknown) => (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          padding: 8,
          margin: '4px 0 0',
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {show(value) ?? t('empty')}
      </pre>
    </Col>
  );
  return (
    <Row gutter={16}>
      {pane(t('before'), before)}
      {pane(t('after'), after)}
    </Row>
  );
}
