import type { Breakpoint, TableProps } from 'antd';
import { useIsPhone } from './useIsPhone.ts';

/**
 * A column only a wider screen shows (antd's column `responsive`): below `md` (a phone) a list keeps its key columns —
 * what names the record, its status, its actions — and the record's page has the rest
 * (docs/ARCHITECTURE.md#rules-of-the-house, rule 6).
 */
export const WIDE_ONLY: Breakpoint[] = ['md'];

/**
 * What every list's 操作 / Actions column shares: it stays in view at the right edge of a table wider than its place
 * (the table scrolls sideways inside itself, the page never does), and on a phone its actions stack (app.css).
 * `{ title: t('common:actions.actions'), ...ROW_ACTIONS, render: … }`
 */
export const ROW_ACTIONS = { key: 'actions', fixed: 'right', className: 'row-actions' } as const;

type Layout = Pick<TableProps, 'scroll' | 'tableLayout'>;

/**
 * A table as wide as its place, its columns wrapping their text, scrolling sideways inside itself only when a word is
 * longer than the place: for a phone, and for tables of free text (plan items) at any size.
 */
export const FIT_WIDTH: Layout = { scroll: { x: true }, tableLayout: 'auto' };

/**
 * How a list takes its width: on a desktop as wide as its cells' content, scrolling sideways inside itself when that
 * is wider than the page; on a phone `FIT_WIDTH`. `<Table {...useTableLayout()} … />`
 */
export function useTableLayout(): Layout {
  return useIsPhone() ? FIT_WIDTH : { scroll: { x: 'max-content' } };
}
