import type {
  ImportCheck,
  ImportDefaults,
  ImportDetail,
  ImportField,
  ImportMapping,
  ImportRecord,
  ImportRevert,
  ImportRowError,
} from '@crm/contracts';
import { IMPORT_FIELDS, IMPORT_MATCH_ON, IMPORT_MODES } from '@crm/contracts/values';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { FIT_WIDTH } from '../../../app/components/table.ts';
import { feedback, showError } from '../../../app/feedback.ts';
import { queryClient } from '../../../app/api.ts';
import { useAssignees } from '../../access/api.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import {
  IMPORTS,
  checkImport,
  downloadErrors,
  revertImport,
  runImport,
  saveSettings,
  uploadFile,
  useImport,
} from '../api.ts';
import { ImportStatusTag } from '../components/ImportStatusTag.tsx';

type Settings = {
  mapping: ImportMapping;
  mode: ImportRecord['mode'];
  matchOn: ImportRecord['matchOn'];
  defaults: ImportDefaults;
};

/** Step 1: the file (docs/imports.md, rules 1 and 2). */
function UploadStep() {
  const { t } = useTranslation('imports');
  const navigate = useNavigate();
  return (
    <Upload.Dragger
      name="file"
      accept=".xlsx,.csv,.txt"
      multiple={false}
      showUploadList={false}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const answer = await uploadFile(file as File);
          onSuccess?.(answer);
          navigate(`/imports/${answer.id}`, { replace: true });
        } catch (e) {
          onError?.(e as Error);
          showError(e);
        }
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('upload.drop')}</p>
      <p className="ant-upload-hint">{t('upload.hint')}</p>
    </Upload.Dragger>
  );
}

/** A field's label: the customer form's words for the customer's fields, this module's for the contact's. */
const useFieldLabel = () => {
  const { t } = useTranslation('imports');
  return (field: ImportField) =>
    field.startsWith('contact') ? t(`fields.${field}` as 'fields.contactName') : t(`customers:fields.${field}`);
};

const STARS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: '★'.repeat(n) }));

/** Step 2: column → field, the mode, the key and the defaults (rules 3 and 4); 检查 saves them and checks. */
function MapStep({ record, onChecked }: { record: ImportRecord; onChecked: (c: ImportCheck) => void }) {
  const { t } = useTranslation('imports');
  const [settings, setSettings] = useState<Settings>({
    mapping: record.mapping,
    mode: record.mode,
    matchOn: record.matchOn,
    defaults: record.defaults,
  });
  const [busy, setBusy] = useState(false);
  const label = useFieldLabel();
  const regions = useDictionaryEntries('region');
  const levels = useDictionaryEntries('customerLevel');
  const managers = useAssignees('customers');
  const columnOptions = record.columns.map((c) => ({ value: c, label: c }));
  const setField = (field: ImportField, column: string | undefined) =>
    setSettings((s) => {
      const mapping = { ...s.mapping };
      if (column) mapping[field] = column;
      else delete mapping[field];
      return { ...s, mapping };
    });
  const setDefault = (key: keyof ImportDefaults, value: number | undefined) =>
    setSettings((s) => ({ ...s, defaults: { ...s.defaults, [key]: value ?? null } }));
  const rows = IMPORT_FIELDS.map((field) => ({ field }));
  const columns: TableColumnsType<{ field: ImportField }> = [
    { title: t('map.field'), dataIndex: 'field', render: (f: ImportField) => label(f) },
    {
      title: t('map.column'),
      key: 'column',
      render: (_, { field }) => (
        <Select
          aria-label={label(field)}
          data-field={field}
          style={{ width: '100%', minWidth: 140 }}
          allowClear
          placeholder={t('map.none')}
          value={settings.mapping[field]}
          options={columnOptions}
          onChange={(v?: string) => setField(field, v)}
        />
      ),
    },
  ];
  const check = async () => {
    setBusy(true);
    try {
      await saveSettings(record.id, settings);
      const answer = await checkImport(record.id);
      await queryClient.invalidateQueries({ queryKey: [IMPORTS] });
      onChecked(answer);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('map.mode')}>
              <Radio.Group
                value={settings.mode}
                onChange={(e) => setSettings((s) => ({ ...s, mode: e.target.value as Settings['mode'] }))}
                options={IMPORT_MODES.map((m) => ({ value: m, label: t(`map.modes.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('map.matchOn')}>
              <Select
                value={settings.matchOn}
                onChange={(v: Settings['matchOn']) => setSettings((s) => ({ ...s, matchOn: v }))}
                options={IMPORT_MATCH_ON.map((m) => ({ value: m, label: t(`map.matchOns.${m}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('map.defaults')}</Typography.Title>
        <Row gutter={16}>
          {(
            [
              ['managerId', 'manager', (managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))],
              ['regionId', 'region', (regions.data ?? []).map((r) => ({ value: r.id, label: r.item }))],
              ['levelId', 'level', (levels.data ?? []).map((r) => ({ value: r.id, label: r.item }))],
              ['satisfaction', 'satisfaction', STARS],
              ['credit', 'credit', STARS],
            ] as const
          ).map(([key, field, options]) => (
            <Col xs={24} sm={12} md={8} key={key}>
              <Form.Item label={label(field)}>
                <Select
                  allowClear
                  value={settings.defaults[key] ?? undefined}
                  options={[...options]}
                  onChange={(v?: number) => setDefault(key, v)}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
      <Table rowKey="field" columns={columns} dataSource={rows} pagination={false} size="small" {...FIT_WIDTH} />
      <Button type="primary" onClick={check} loading={busy}>
        {t('map.check')}
      </Button>
    </Space>
  );
}

function ErrorsTable({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation('imports');
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('check.row'), dataIndex: 'row', width: 64 },
    { title: t('check.column'), dataIndex: 'column', render: (c: string | null) => c ?? '—' },
    { title: t('check.message'), dataIndex: 'message' },
  ];
  return (
    <Table
      rowKey={(e) => `${e.row}:${e.field}:${e.code}`}
      columns={columns}
      dataSource={errors}
      size="small"
      pagination={{ pageSize: 10, showSizeChanger: false }}
      {...FIT_WIDTH}
    />
  );
}

/** Step 3: what the run would do, and every error (rule 5). */
function CheckStep({ record, check, onRemap }: { record: ImportRecord; check: ImportCheck; onRemap: () => void }) {
  const { t, i18n } = useTranslation('imports');
  const [busy, setBusy] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {(['rowCount', 'toCreate', 'toUpdate', 'duplicates', 'invalid'] as const).map((k) => (
          <Col xs={12} md={4} key={k}>
            <Statistic title={t(`check.${k}`)} value={check[k]} />
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>{t('check.errors')}</Typography.Title>
      {check.errors.length ? (
        <ErrorsTable errors={check.errors} />
      ) : (
        <Alert type="success" title={t('check.noErrors')} />
      )}
      <Space wrap>
        <Button onClick={onRemap}>{t('check.remap')}</Button>
        {check.errors.length > 0 && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadErrors(record.id, 'csv', i18n.language).catch(showError)}
          >
            {t('result.errorsCsv')}
          </Button>
        )}
        <Button
          type="primary"
          loading={busy}
          disabled={check.valid === 0}
          onClick={async () => {
            setBusy(true);
            try {
              await runImport(record.id);
              await queryClient.invalidateQueries({ queryKey: [IMPORTS, record.id] });
            } catch (e) {
              showError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('check.run')}
        </Button>
      </Space>
    </Space>
  );
}

/** Step 4: the live progress (rule 6); GET /imports/:id is asked every second while it runs. */
function RunStep({ record }: { record: ImportRecord }) {
  const { t } = useTranslation('imports');
  const percent = record.rowCount ? Math.floor((record.processed / record.rowCount) * 100) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress percent={percent} status="active" aria-label={t('steps.run')} />
      <Typography.Text>
        {t('run.processed', { processed: record.processed, rowCount: record.rowCount })}
      </Typography.Text>
      <Typography.Text type="secondary">{t('run.progress')}</Typography.Text>
    </Space>
  );
}

/** Step 5: the counts, the errors file and the revert (rules 8 and 9). */
function ResultStep({ record }: { record: ImportRecord }) {
  const { t, i18n } = useTranslation('imports');
  const navigate = useNavigate();
  const [reverted, setReverted] = useState<ImportRevert>();
  const percent = record.rowCount ? Math.floor((record.processed / record.rowCount) * 100) : 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Progress
        percent={percent}
        status={record.status === 'failed' ? 'exception' : 'success'}
        aria-label={t('steps.run')}
      />
      {record.status === 'failed' && <Alert type="error" title={t('result.failedRun')} />}
      <Row gutter={[16, 16]}>
        {(['created', 'updated', 'skipped', 'failed'] as const).map((k) => (
          <Col xs={12} md={6} key={k}>
            <Statistic title={t(`result.${k}`)} value={record[k]} />
          </Col>
        ))}
      </Row>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          disabled={record.skipped + record.failed === 0}
          onClick={() => downloadErrors(record.id, 'csv', i18n.language).catch(showError)}
        >
          {t('result.errorsCsv')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={record.skipped + record.failed === 0}
          onClick={() => downloadErrors(record.id, 'xlsx', i18n.language).catch(showError)}
        >
          {t('result.errorsXlsx')}
        </Button>
        {(record.status === 'done' || record.status === 'failed') && (
          <Popconfirm
            title={t('result.revert')}
            description={<div style={{ maxWidth: 280 }}>{t('result.revertConfirm')}</div>}
            onConfirm={async () => {
              try {
                const answer = await revertImport(record.id);
                setReverted(answer);
                feedback.message.success(t('result.reverted', answer));
                await queryClient.invalidateQueries({ queryKey: [IMPORTS, record.id] });
              } catch (e) {
                showError(e);
              }
            }}
          >
            <Button danger icon={<UndoOutlined />}>
              {t('result.revert')}
            </Button>
          </Popconfirm>
        )}
        <Button onClick={() => navigate('/imports')}>{t('result.list')}</Button>
      </Space>
      {reverted && reverted.kept.length > 0 && (
        <Card size="small" title={t('result.kept')}>
          <Table
            rowKey="customerId"
            size="small"
            dataSource={reverted.kept}
            pagination={{ pageSize: 10 }}
            columns={[
              {
                title: t('result.customer'),
                dataIndex: 'customerId',
                render: (id: number) => <a href={`/customers/${id}`}>{id}</a>,
              },
              { title: t('result.reason'), dataIndex: 'reason' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** The wizard: 上传 / 映射 / 检查 / 导入 / 结果 (docs/imports.md); an import opened again goes on at its step. */
export function ImportPage() {
  const { t } = useTranslation('imports');
  const navigate = useNavigate();
  const param = useParams().id;
  const id = param && param !== 'new' ? Number(param) : undefined;
  const query = useImport(id);
  // the check's answer belongs to the import it was made for: the one just made here (none while remapping), else
  // the one the server kept (docs/imports.md, rule 5), so that a reload or a return from the list shows it again
  const [local, setLocal] = useState<{ id: number; answer?: ImportCheck }>();
  const setCheck = (answer: ImportCheck | undefined) => id !== undefined && setLocal({ id, answer });
  const checkOf = (r: ImportDetail) =>
    local && local.id === id ? local.answer : r.status === 'checked' ? (r.check ?? undefined) : undefined;
  const steps = ['upload', 'map', 'check', 'run', 'result'].map((k) => ({ title: t(`steps.${k}`) }));
  const stepOf = (r?: ImportDetail) => {
    if (!r) return 0;
    if (r.status === 'running') return 3;
    if (r.status === 'uploaded' || r.status === 'checked') return checkOf(r) ? 2 : 1;
    return 4;
  };
  const header = (
    <PageHeader
      title={t('upload.title')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/imports')}>
          {t('upload.back')}
        </Button>
      }
    />
  );
  if (id === undefined) {
    return (
      <>
        {header}
        <Steps current={0} items={steps} responsive style={{ marginBottom: 24 }} />
        <UploadStep />
      </>
    );
  }
  return (
    <>
      {header}
      <Loaded query={query}>
        {(record) => (
          <>
            <Steps current={stepOf(record)} items={steps} responsive style={{ marginBottom: 24 }} />
            <Typography.Paragraph>
              <Space wrap>
                <Typography.Text strong>{record.fileName}</Typography.Text>
                <ImportStatusTag status={record.status} />
              </Space>
            </Typography.Paragraph>
            {stepOf(record) === 1 && <MapStep record={record} onChecked={setCheck} />}
            {stepOf(record) === 2 && (
              <CheckStep record={record} check={checkOf(record)!} onRemap={() => setCheck(undefined)} />
            )}
            {stepOf(record) === 3 && <RunStep record={record} />}
            {stepOf(record) === 4 && <ResultStep record={record} />}
          </>
        )}
      </Loaded>
    </>
  );
}
