import { sql } from 'drizzle-orm';
import type { AuditEntry } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { rows, whereOf } from '../../db/sql.ts';

type AuditFilter = {
  userId?: number;
  entity?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

export async function listAuditEntries(db: DbOrTx, f: AuditFilter) {
  const where = whereOf([
    f.userId && sql`a.user_id = ${f.userId}`,
    f.entity && sql`a.entity = ${f.entity}`,
    f.from && sql`a.at >= ${f.from}::date`,
    f.to && sql`a.at < ${f.to}::date + 1`,
  ]);
  type Row = Omit<AuditEntry, 'user' | 'token'> & {
    userId: number | null;
    userName: string | null;
    tokenId: number | null;
    tokenName: string | null;
  };
  const items = await rows<Row>(
    db,
    sql`select a.id, a.at, a.action, a.entity, a.entity_id as "entityId", a.before, a.after, a.request_id as "requestId",
               a.user_id as "userId", u.display_name as "userName", a.token_id as "tokenId", k.name as "tokenName"
        from audit_log a left join users u on u.id = a.user_id left join api_tokens k on k.id = a.token_id
        ${where} order by a.id desc limit ${f.limit} offset ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log a ${where}`);
  return {
    items: items.map(({ userId, userName, tokenId, tokenName, ...entry }): AuditEntry => ({
      ...entry,
      user: userId ? { id: userId, displayName: userName ?? '' } : null,
      token: tokenId ? { id: tokenId, name: tokenName ?? '' } : null,
    })),
    total: total?.n ?? 0,
  };
}
