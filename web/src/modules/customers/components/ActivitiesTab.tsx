import type { Activity, CreateActivityBody } from '@crm/contracts';
import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { activitiesPath, deleteActivity, useSaveActivity } from '../api.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';
import { RecordsTab, requiredText, type RecordDialogProps, type RecordsConfig } from './RecordsTab.tsx';

/** docs/product.md#interaction-records, rules 1 and 4 交往记录: date, place and summary required; newest first. */
const activities: RecordsConfig<Activity> = {
  texts: 'activities',
  path: activitiesPath,
  remove: deleteActivity,
  columns: (t) => [
    { title: t('activities.date'), dataIndex: 'date', width: 120 },
    { title: t('activities.place'), dataIndex: 'place', responsive: WIDE_ONLY },
    { title: t('activities.summary'), dataIndex: 'summary' },
    { title: t('activities.details'), dataIndex: 'details', ellipsis: true, responsive: WIDE_ONLY },
    { title: t('activities.note'), dataIndex: 'note', responsive: WIDE_ONLY },
  ],
  Dialog: ActivityDialog,
};

export function ActivitiesTab(props: { customerId: number; editable: boolean }) {
  return <RecordsTab config={activities} {...props} />;
}

type Fields = Omit<CreateActivityBody, 'date'> & { date: Dayjs };

function ActivityDialog({ customerId, record: activity, open, onClose }: RecordDialogProps<Activity>) {
  const { t } = useTranslation('customers');
  const save = useSaveActivity(customerId);
  const required = (field: string) => requiredText(t, 'activities', field);
  return (
    <FormDialog<Fields, Activity>
      open={open}
      name="activity"
      title={activity ? t('activities.edit') : t('activities.add')}
      initialValues={activity ? { ...activity, date: dayjs(activity.date) } : { date: dayjs() }}
      onSubmit={(v, idempotencyKey) =>
        save.mutateAsync({ ...v, date: v.date.format('YYYY-MM-DD'), id: activity?.id, idempotencyKey })
      }
      onClose={onClose}
    >
      <Form.Item
        name="date"
        label={t('activities.date')}
        rules={[
          { required: true, message: t('common:required', { field: t('activities.date') }) },
          // a record of what happened: today at the latest (the server checks by its own day)
          {
            validator: (_, d?: Dayjs) =>
              !d || !d.isAfter(dayjs(), 'day')
                ? Promise.resolve()
                : Promise.reject(new Error(t('activities.notFuture'))),
          },
        ]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="place" label={t('activities.place')} rules={[required('place'), { max: 200 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="summary" label={t('activities.summary')} rules={[required('summary'), { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="details" label={t('activities.details')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="note" label={t('activities.note')} rules={[{ max: 1000 }]}>
        <Input />
      </Form.Item>
    </FormDialog>
  );
}
