import { HolderOutlined } from '@ant-design/icons';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type { Board, BoardColumn, Opportunity } from '@crm/contracts';
import { Alert, Card, DatePicker, Empty, Form, Select, Space, Tag, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queryClient } from '../../../app/api.ts';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useIsPhone } from '../../../app/components/useIsPhone.ts';
import { errorText, feedback } from '../../../app/feedback.ts';
import { useCan } from '../../../app/session.tsx';
import { AssigneeSelect } from '../../access/components/AssigneeSelect.tsx';
import { moveStage, OPPORTUNITIES, refreshOpportunities, useBoard, type BoardFilters } from '../api.ts';
import { yuan } from '../stages.ts';

const COLUMN = 'column-';

/** The board with one card moved to another column: counts, amounts and the order (soonest close date first). */
function withCardMoved(board: Board, card: Opportunity, toStageId: number): Board {
  const moved = { ...card, stage: board.columns.find((c) => c.stage.id === toStageId)!.stage };
  const byClose = (a: Opportunity, b: Opportunity) =>
    (a.expectedCloseDate ?? '9999').localeCompare(b.expectedCloseDate ?? '9999') || a.id - b.id;
  return {
    columns: board.columns.map((col) => {
      const amount = card.expectedAmount ?? 0;
      if (col.stage.id === card.stage?.id)
        return {
          ...col,
          count: col.count - 1,
          amount: col.amount - amount,
          items: col.items.filter((i) => i.id !== card.id),
        };
      if (col.stage.id === toStageId)
        return {
          ...col,
          count: col.count + 1,
          amount: col.amount + amount,
          items: [...col.items, moved].sort(byClose),
        };
      return col;
    }),
  };
}

/**
 * The keyboard moves a picked-up card a whole column at a time: ← and → to the neighbouring column (the default would
 * move it 25 px per key press).
 */
const columnByColumn: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()]
    .filter(([id]) => String(id).startsWith(COLUMN))
    .sort(([, a], [, b]) => a.left - b.left);
  const centre = currentCoordinates.x + (context.collisionRect?.width ?? 0) / 2;
  const here = columns.findIndex(([, r]) => centre >= r.left && centre <= r.right);
  const next = columns[Math.max(0, Math.min(columns.length - 1, here + (event.code === 'ArrowRight' ? 1 : -1)))];
  if (!next) return undefined;
  const [, rect] = next;
  return { x: rect.left + (rect.width - (context.collisionRect?.width ?? 0)) / 2, y: currentCoordinates.y };
};

/**
 * 销售看板 (docs/pipeline.md#board): the assigned opportunities in the user's scope, one column per stage with its count
 * and amount. A card moves by dragging it, by the keyboard (Space, ← →, Space), or — on a phone, where one column shows
 * at a time — by its stage picker. The move shows at once and is undone, with the server's reason, if it is refused.
 */
export function BoardPage() {
  const { t } = useTranslation('opportunities');
  const can = useCan();
  const isPhone = useIsPhone();
  const [search, setSearch] = useSearchParams();
  const filters: BoardFilters = {
    assigneeId: search.get('assigneeId') ?? undefined,
    closeMonth: search.get('closeMonth') ?? undefined,
  };
  const board = useBoard(filters);
  const [shown, setShown] = useState<number>();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnByColumn }),
  );

  const setFilter = (name: keyof BoardFilters, value: string | undefined) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  /** Optimistic: the card moves now; a refusal puts it back and says why. */
  const move = async (card: Opportunity, toStageId: number) => {
    if (card.stage?.id === toStageId) return;
    const key = [OPPORTUNITIES, 'board', filters];
    await queryClient.cancelQueries({ queryKey: key });
    const before = queryClient.getQueryData<Board>(key);
    if (!before) return;
    queryClient.setQueryData<Board>(key, withCardMoved(before, card, toStageId));
    const stage = before.columns.find((c) => c.stage.id === toStageId)!.stage;
    try {
      await moveStage(card.id, toStageId);
      void feedback.message.success(t('pipeline.moved', { stage: stage.item }));
    } catch (e) {
      queryClient.setQueryData<Board>(key, before);
      void feedback.message.error(t('pipeline.refused', { name: card.customerName, reason: errorText(e) }));
    } finally {
      await refreshOpportunities();
    }
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = active.data.current?.card as Opportunity | undefined;
    if (!card || !over) return;
    void move(card, Number(String(over.id).slice(COLUMN.length)));
  };

  return (
    <>
      <PageHeader title={t('board.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          {can('assignee.read') && (
            <Form.Item label={t('board.assignee')} htmlFor="board-assignee">
              <AssigneeSelect
                id="board-assignee"
                family="opportunities"
                allowClear
                style={{ width: 160 }}
                placeholder={t('board.allAssignees')}
                value={filters.assigneeId ? Number(filters.assigneeId) : undefined}
                onChange={(v?: number) => setFilter('assigneeId', v ? String(v) : undefined)}
              />
            </Form.Item>
          )}
          <Form.Item label={t('board.closeMonth')} htmlFor="board-close-month">
            <DatePicker
              id="board-close-month"
              picker="month"
              style={{ width: 160 }}
              value={filters.closeMonth ? dayjs(`${filters.closeMonth}-01`) : null}
              onChange={(d) => setFilter('closeMonth', d ? d.format('YYYY-MM') : undefined)}
            />
          </Form.Item>
        </Form>
        {!isPhone && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            {t('board.dragHint')}
          </Typography.Text>
        )}
      </Card>
      <Loaded query={board} rows={8}>
        {(data) => {
          if (data.columns.length === 0) return <Alert type="info" showIcon title={t('board.noStages')} />;
          if (isPhone) {
            const column = data.columns.find((c) => c.stage.id === shown) ?? data.columns[0]!;
            return (
              <>
                <Select
                  aria-label={t('board.pickStage')}
                  data-testid="board-column-picker"
                  style={{ width: '100%', marginBottom: 12 }}
                  value={column.stage.id}
                  onChange={setShown}
                  options={data.columns.map((c) => ({
                    value: c.stage.id,
                    label: `${c.stage.item} · ${t('board.count', { count: c.count })}`,
                  }))}
                />
                <Column column={column} stages={data.columns} onMove={move} phone />
              </>
            );
          }
          return (
            <DndContext sensors={sensors} onDragEnd={onDragEnd}>
              <div className="pipeline-board" style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
                {data.columns.map((c) => (
                  <Column key={c.stage.id} column={c} stages={data.columns} onMove={move} />
                ))}
              </div>
            </DndContext>
          );
        }}
      </Loaded>
    </>
  );
}

function Column({
  column,
  stages,
  onMove,
  phone = false,
}: {
  column: BoardColumn;
  stages: BoardColumn[];
  onMove: (card: Opportunity, stageId: number) => void;
  phone?: boolean;
}) {
  const { t, i18n } = useTranslation('opportunities');
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN}${column.stage.id}`, disabled: phone });
  return (
    <section
      ref={setNodeRef}
      aria-label={column.stage.item}
      data-testid={`board-column-${column.stage.item}`}
      style={{
        flex: phone ? undefined : '0 0 260px',
        minHeight: 240,
        background: isOver ? token.colorPrimaryBg : token.colorFillQuaternary,
        borderRadius: token.borderRadiusLG,
        padding: 8,
      }}
    >
      <div style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {column.stage.item}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="board-column-total">
          {t('board.count', { count: column.count })} ·{' '}
          {t('board.amount', { amount: yuan(column.amount, i18n.language) })}
        </Typography.Text>
      </div>
      {column.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={8}>
          {column.items.map((o) => (
            <OpportunityCard key={o.id} card={o} stages={stages} onMove={onMove} phone={phone} />
          ))}
        </Space>
      )}
      {column.count > column.items.length && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('board.more', { count: column.count - column.items.length })}
        </Typography.Text>
      )}
    </section>
  );
}

function OpportunityCard({
  card,
  stages,
  onMove,
  phone,
}: {
  card: Opportunity;
  stages: BoardColumn[];
  onMove: (card: Opportunity, stageId: number) => void;
  phone: boolean;
}) {
  const { t, i18n } = useTranslation('opportunities');
  const may = card.abilities.pipeline;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !may || phone,
  });
  const overdue = card.expectedCloseDate !== null && card.expectedCloseDate < dayjs().format('YYYY-MM-DD');
  return (
    <Card
      ref={setNodeRef}
      size="small"
      data-testid={`board-card-${card.id}`}
      {...(may && !phone ? listeners : {})}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        opacity: isDragging ? 0.8 : 1,
        zIndex: isDragging ? 10 : undefined,
        position: 'relative',
        cursor: may && !phone ? 'grab' : undefined,
        touchAction: may && !phone ? 'none' : undefined,
      }}
    >
      <div style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
        {may && !phone && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            aria-label={`${t('pipeline.moveTo')}: ${card.customerName}`}
            className="pipeline-handle"
            style={{ border: 0, background: 'none', padding: '2px 4px', cursor: 'grab', color: 'inherit' }}
          >
            <HolderOutlined />
          </button>
        )}
        <div style={{ minWidth: 0, flex: 1 }}>
          {/* not a native link drag: the card's drag starts anywhere on it */}
          <Link
            to={`${OPPORTUNITIES}/${card.id}`}
            draggable={false}
            style={{ fontWeight: 500, overflowWrap: 'anywhere' }}
          >
            {card.customerName}
          </Link>
          <div>
            <Typography.Text strong>
              {card.expectedAmount === null ? '—' : `${yuan(card.expectedAmount, i18n.language)} ${t('form.yuan')}`}
            </Typography.Text>
            <Typography.Text type="secondary"> · {t('board.rate', { rate: card.successRate })}</Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">
              {card.expectedCloseDate ?? t('board.noDate')} · {card.assignee?.displayName ?? '—'}
            </Typography.Text>
            {overdue && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('pipeline.overdue')}
              </Tag>
            )}
          </div>
          {phone && may && (
            <Select
              size="small"
              aria-label={`${t('pipeline.moveTo')}: ${card.customerName}`}
              data-testid="card-stage-picker"
              style={{ width: '100%', marginTop: 6 }}
              value={card.stage?.id}
              onChange={(stageId: number) => onMove(card, stageId)}
              options={stages.map((c) => ({ value: c.stage.id, label: c.stage.item }))}
            />
          )}
        </div>
      </div>
    </Card>
  );
}
