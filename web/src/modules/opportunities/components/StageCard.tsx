import { EditOutlined } from '@ant-design/icons';
import type { Opportunity } from '@crm/contracts';
import { Button, Card, Empty, Select, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { showError } from '../../../app/feedback.ts';
import { useMoveStage, useStageHistory } from '../api.ts';
import { useStages } from '../stages.ts';
import { PipelineDialog } from './PipelineDialog.tsx';

/**
 * The opportunity's stage (docs/pipeline.md#stages): a picker for its assignee or a director while it is assigned, the
 * forecast's edit, and every move with its time and author.
 */
export function StageCard({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const history = useStageHistory(o.id);
  const { stages } = useStages();
  const move = useMoveStage();
  const [editing, setEditing] = useState(false);
  const may = o.abilities.pipeline;

  return (
    <Card
      size="small"
      title={t('pipeline.history')}
      style={{ marginBottom: 16 }}
      extra={
        may && (
          <Space wrap>
            <Select
              aria-label={t('pipeline.moveTo')}
              data-testid="stage-picker"
              style={{ minWidth: 140 }}
              value={o.stage?.id}
              loading={!stages || move.isPending}
              disabled={move.isPending}
              options={(stages ?? []).map((s) => ({ value: s.id, label: s.item }))}
              onChange={(stageId: number) => move.mutate({ id: o.id, stageId }, { onError: showError })}
            />
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('pipeline.editForecast')}
            </Button>
          </Space>
        )
      }
    >
      <Loaded query={history} rows={2}>
        {(moves) =>
          moves.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.noHistory')} />
          ) : (
            <Timeline
              items={moves.map((m) => ({
                key: `${m.at}-${m.to.id}`,
                content: (
                  <>
                    <Typography.Text>
                      {m.from
                        ? t('pipeline.fromTo', { from: m.from.item, to: m.to.item })
                        : t('pipeline.firstStage', { to: m.to.item })}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {dayjs(m.at).format('YYYY-MM-DD HH:mm')} · {m.by.displayName}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          )
        }
      </Loaded>
      <PipelineDialog opportunity={editing ? o : undefined} onClose={() => setEditing(false)} />
    </Card>
  );
}
