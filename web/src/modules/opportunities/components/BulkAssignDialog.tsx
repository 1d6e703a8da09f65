import type { BulkAssignAnswer, Opportunity } from '@crm/contracts';
import { BULK_ASSIGN_MAX } from '@crm/contracts/values';
import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { feedback } from '../../../app/feedback.ts';
import { AssigneeSelect } from '../../access/components/AssigneeSelect.tsx';
import { useBulkAssign } from '../api.ts';

type Fields = { assigneeId: number };

/**
 * 批量指派 (docs/pipeline.md#bulk-assignment): the selected opportunities to one manager; the answer lists those
 * assigned and, for the rest, why not (assigned meanwhile by someone else, or out of sight).
 */
export function BulkAssignDialog({
  selected,
  onClose,
  onDone,
}: {
  selected: Opportunity[] | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('opportunities');
  const bulk = useBulkAssign();
  const name = (id: number) => selected?.find((o) => o.id === id)?.customerName ?? `#${id}`;
  const report = (r: BulkAssignAnswer) => {
    onDone();
    feedback.modal.info({
      title: t('bulk.resultTitle'),
      content: (
        <div data-testid="bulk-result">
          <Typography.Paragraph>{t('bulk.assigned', { count: r.assigned.length })}</Typography.Paragraph>
          {r.refused.length > 0 && (
            <>
              <Typography.Paragraph>{t('bulk.refused', { count: r.refused.length })}</Typography.Paragraph>
              <ul>
                {r.refused.map((f) => (
                  <li key={f.id}>
                    {name(f.id)}: {t(`bulk.${f.code}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ),
    });
  };
  const count = selected?.length ?? 0;
  return (
    <FormDialog<Fields, BulkAssignAnswer>
      open={!!selected}
      name="bulkAssign"
      title={t('bulk.title', { count })}
      okText={t('assign.submit')}
      onSubmit={({ assigneeId }, idempotencyKey) =>
        bulk.mutateAsync({ ids: selected!.map((o) => o.id), assigneeId, idempotencyKey })
      }
      onSaved={report}
      onClose={onClose}
      intro={
        count > BULK_ASSIGN_MAX && (
          <Typography.Text type="danger">{t('bulk.tooMany', { max: BULK_ASSIGN_MAX })}</Typography.Text>
        )
      }
    >
      <Form.Item name="assigneeId" label={t('assign.assignee')} rules={[{ required: true, message: t('assign.pick') }]}>
        <AssigneeSelect family="opportunities" autoFocus placeholder={t('assign.pick')} />
      </Form.Item>
    </FormDialog>
  );
}
