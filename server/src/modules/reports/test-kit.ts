import ExcelJS from 'exceljs';
import type { TestApp } from '../../test/harness.ts';
import { insertCustomer, type NewCustomer } from '../customers/create.ts';

/**
 * Test data for the reports: customers (through the customers module's insert), and rows written straight into the
 * tables the reports read — derived sales figures, services, churn warnings, opportunities.
 */
export async function reportKit(t: TestApp) {
  const q = t.database.query;
  const users = await q<{ id: number; username: string }>('select id, username from users');
  const userId = (username: string) => users.find((u) => u.username === username)!.id;
  const entries = await q<{ id: number; type: string; item: string }>(
    'select id, type, item from dictionary_entries order by id',
  );
  const entryId = (type: string, item: string) => entries.find((e) => e.type === type && e.item === item)!.id;
  let serial = 0;

  return {
    userId,
    entryId,
    levelId: (item: string) => entryId('customerLevel', item),
    serviceTypeId: (item: string) => entryId('serviceType', item),
    async customer(name: string, o: Partial<NewCustomer> & { manager?: string; createdAt?: Date } = {}) {
      const { manager, createdAt, ...rest } = o;
      return t.database.db.transaction((tx) =>
        insertCustomer(
          tx,
          { actor: null, requestId: 'test', now: createdAt ?? t.clock.now },
          { name, managerId: userId(manager ?? 'manager1'), ...rest },
        ),
      );
    },
    /** One year's counted figures of a customer number, as the sales refresh would write them. */
    sales: (customerNo: string, year: number, amount: string, lastOrderDate = `${year}-06-30`) =>
      q(
        'insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date) values ($1, $2, $3, 1, $4)',
        [customerNo, year, amount, lastOrderDate],
      ),
    async service(o: {
      type: string;
      customerId: number;
      createdAt: Date;
      status?: string;
      assignee?: string;
      summary?: string;
    }) {
      const [row] = await q<{ id: number }>(
        `insert into services (number, type_id, summary, customer_id, status, request, created_by, created_at, assignee_id, assigned_at, handled_at)
         values ($1, $2, $3, $4, $5, '请求', $6, $7, $8, case when $8::int is null then null else $7::timestamptz end,
                 case when $5 = 'handled' then $7::timestamptz end) returning id`,
        [
          `RT${++serial}`,
          entryId('serviceType', o.type),
          o.summary ?? `服务${serial}`,
          o.customerId,
          o.status ?? 'new',
          userId('manager1'),
          o.createdAt.toISOString(),
          o.assignee ? userId(o.assignee) : null,
        ],
      );
      return row!.id;
    },
    async churnWarning(o: {
      customerId: number;
      manager: string;
      status: string;
      lastOrderDate?: string | null;
      reason?: string;
      confirmedAt?: Date;
    }) {
      const [row] = await q<{ id: number }>(
        `insert into churn_warnings (customer_id, manager_id, last_order_date, status, reason, confirmed_at)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [
          o.customerId,
          userId(o.manager),
          o.lastOrderDate ?? null,
          o.status,
          o.reason ?? null,
          o.confirmedAt?.toISOString() ?? null,
        ],
      );
      return row!.id;
    },
    async opportunity(o: {
      summary: string;
      customerName: string;
      assignee?: string;
      status?: string;
      createdAt?: Date;
    }) {
      const [row] = await q<{ id: number }>(
        `insert into opportunities (customer_name, success_rate, summary, description, status, created_by, created_at, assignee_id, assigned_at)
         values ($1, 50, $2, '描述', $3, $4, $5, $6, case when $6::int is null then null else $5::timestamptz end) returning id`,
        [
          o.customerName,
          o.summary,
          o.status ?? (o.assignee ? 'assigned' : 'unassigned'),
          userId('director'),
          (o.createdAt ?? t.clock.now).toISOString(),
          o.assignee ? userId(o.assignee) : null,
        ],
      );
      return row!.id;
    },
  };
}

/** A report file as the server sends it: status, headers and raw bytes (inject, so that binary stays binary). */
export async function download(t: TestApp, cookie: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.rawPayload.toString('utf8') };
}

/** RFC 4180 parser for the tests (quoted fields with commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The first sheet of an XLSX file as rows of cell values. */
export async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows: out };
}
