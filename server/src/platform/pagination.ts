import type { Page, PageQuery } from '@crm/contracts';

export const limitOffset = (q: PageQuery) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

export const pageOf = <T>(items: T[], total: number, q: PageQuery): Page<T> => ({
  items,
  total,
  page: q.page,
  pageSize: q.pageSize,
});

/** `%text%` for ILIKE, with the pattern characters of the user's text taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
