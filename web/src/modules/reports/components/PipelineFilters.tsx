import { Card, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../app/components/useIsPhone.ts';
import { useCan } from '../../../app/session.tsx';
import { AssigneeSelect } from '../../access/components/AssigneeSelect.tsx';

type Props = {
  /** The label and element id of the period picker. */
  label: string;
  id: string;
  /** Months (the forecast) or days (win/loss). */
  picker: 'month' | 'date';
  range: [dayjs.Dayjs, dayjs.Dayjs] | undefined;
  onRange(from: string | undefined, to: string | undefined): void;
  assigneeId: string | undefined;
  onAssignee(assigneeId: string | undefined): void;
};

/**
 * The filter card of the pipeline's reports (docs/pipeline.md#forecast, #win-loss): a period and, for whoever may pick
 * assignees, an assignee. On a phone the labels go above: a label beside the range picker is wider than 390 px.
 */
export function PipelineFilters({ label, id, picker, range, onRange, assigneeId, onAssignee }: Props) {
  const { t } = useTranslation('reports');
  const can = useCan();
  const isPhone = useIsPhone();
  const format = picker === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form layout={isPhone ? 'vertical' : 'inline'}>
        <Form.Item label={label} htmlFor={id}>
          <DatePicker.RangePicker
            id={{ start: id }}
            picker={picker}
            allowClear={false}
            value={range}
            onChange={(v) => onRange(v?.[0]?.format(format), v?.[1]?.format(format))}
          />
        </Form.Item>
        {can('assignee.read') && (
          <Form.Item label={t('forecast.assignee')} htmlFor={`${id}-assignee`}>
            <AssigneeSelect
              id={`${id}-assignee`}
              family="opportunities"
              allowClear
              style={{ width: 160 }}
              placeholder={t('forecast.allAssignees')}
              value={assigneeId ? Number(assigneeId) : undefined}
              onChange={(v?: number) => onAssignee(v ? String(v) : undefined)}
            />
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}
