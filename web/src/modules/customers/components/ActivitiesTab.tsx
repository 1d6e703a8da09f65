import type { Activity, CreateActivityBody } from '@crm/contracts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { activitiesPath, deleteActivity, useSaveActivity } from '../api.ts';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';

/** SPEC 4.3 交往记录: date, place and summary required; newest first. */
export function ActivitiesTab({ customerId, editable }: { customerId: number; editable: boolean }) {
  const { t } = useTranslation('customers');
  const list = usePagedList<Activity>(activitiesPath(customerId), [], 10);
  const [editing, setEditing] = useState<Activity | 'new'>();
  const columns: TableColumnsType<Activity> = [
    { title: t('activities.date'), dataIndex: 'date', width: 120 },
    { title: t('activities.place'), dataIndex: 'place', responsive: WIDE_ONLY },
    { title: t('activities.summary'), dataIndex: 'summary' },
    { title: t('activities.details'), dataIndex: 'details', ellipsis: true, responsive: WIDE_ONLY },
    { title: t('activities.note'), dataIndex: 'note', responsive: WIDE_ONLY },
  ];
  if (editable) {
    columns.push({
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, a) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
            {t('common:actions.edit')}
          </Button>
          <DeleteButton onDelete={() => deleteActivity(customerId, a.id)} />
        </Space>
      ),
    });
  }
  return (
    <>
      {editable && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('activities.add')}
        </Button>
      )}
      <Table<Activity>
        rowKey="id"
        columns={columns}
        locale={{ emptyText: t('activities.empty') }}
        {...list.tableProps}
      />
      <ActivityDialog
        customerId={customerId}
        activity={editing === 'new' ? undefined : editing}
        open={!!editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

type Fields = Omit<CreateActivityBody, 'date'> & { date: Dayjs };

function ActivityDialog({
  customerId,
  activity,
  open,
  onClose,
}: {
  customerId: number;
  activity?: Activity;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('customers');
  const [form] = Form.useForm<Fields>();
  const save = useSaveActivity(customerId);
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        activity ? ({ ...activity, date: dayjs(activity.date) } as Fields) : ({ date: dayjs() } as Fields),
      );
  }, [open, activity, form]);
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common:required', { field: t(`activities.${field}`) }),
  });
  const submit = (v: Fields) =>
    save.mutate(
      { ...v, date: v.date.format('YYYY-MM-DD'), id: activity?.id },
      { onSuccess: () => (showSuccess('saved'), onClose()), onError: (e) => handleFormError(form, e) },
    );
  return (
    <Modal
      open={open}
      title={activity ? t('activities.edit') : t('activities.add')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Fields> form={form} name="activity" layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          name="date"
          label={t('activities.date')}
          rules={[{ required: true, message: t('common:required', { field: t('activities.date') }) }]}
        >
          <DatePicker style={{ width: '100%' }} />
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
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
