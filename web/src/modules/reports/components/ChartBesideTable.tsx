import { Card, Col, Row, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { FIT_WIDTH } from '../../../app/components/table.ts';
import { EChart, type ChartOption } from './EChart.tsx';

/**
 * A report that is one chart and the table of its figures: the chart on the left (`chartSpan` of 24 columns), the
 * total and the table on the right; one above the other on a phone.
 */
export function ChartBesideTable<T extends object>({
  chart,
  total,
  rowKey,
  columns,
  rows,
  loading,
  chartSpan = 12,
}: {
  chart: { option: ChartOption; height: number; label: string };
  total: ReactNode;
  rowKey: TableProps<T>['rowKey'];
  columns: TableColumnsType<T>;
  rows: T[];
  loading: boolean;
  chartSpan?: number;
}) {
  return (
    <Row gutter={16}>
      <Col xs={24} lg={chartSpan}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <EChart {...chart} />
        </Card>
      </Col>
      <Col xs={24} lg={24 - chartSpan}>
        <Typography.Paragraph strong>{total}</Typography.Paragraph>
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          {...FIT_WIDTH}
          dataSource={rows}
          loading={loading}
          pagination={false}
        />
      </Col>
    </Row>
  );
}
