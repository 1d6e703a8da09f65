import type { Opportunity } from '@crm/contracts';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useUpdateOpportunity } from '../api.ts';
import { PipelineFields } from './OpportunityFormDialog.tsx';

type Fields = { expectedAmount?: number | null; expectedCloseDate?: Dayjs | null };

/**
 * 修改预计: the expected amount and close date of an assigned opportunity, by its assignee or a director
 * (docs/pipeline.md#fields, rule 3), at the version shown.
 */
export function PipelineDialog({ opportunity: o, onClose }: { opportunity?: Opportunity; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const update = useUpdateOpportunity();
  return (
    <FormDialog<Fields, Opportunity>
      open={!!o}
      name="forecast"
      title={t('form.pipelineTitle')}
      initialValues={
        o
          ? {
              expectedAmount: o.expectedAmount,
              expectedCloseDate: o.expectedCloseDate ? dayjs(o.expectedCloseDate) : null,
            }
          : undefined
      }
      onSubmit={(v) =>
        update.mutateAsync({
          id: o!.id,
          version: o!.version,
          expectedAmount: v.expectedAmount ?? null,
          expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
        })
      }
      onClose={onClose}
    >
      <PipelineFields createdAt={o?.createdAt} />
    </FormDialog>
  );
}
