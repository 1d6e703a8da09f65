import type { Customer, CustomerQuery, ReportLang } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { exportFile, type ExportColumn } from '../../platform/export.ts';
import * as repo from './repo.ts';

type Text = Record<ReportLang, string>;

const TITLE: Text = { zh: '客户列表', en: 'Customers' };
const STATUS: Record<string, Text> = { normal: { zh: '正常', en: 'Normal' }, lost: { zh: '已流失', en: 'Lost' } };
const IN_POOL: Text = { zh: '公海', en: 'Customer pool' };

/** The file's columns: the record's fields (docs/product.md#customers, rules 3 and 10), headers in `lang`. */
function columns(lang: ReportLang): ExportColumn<Customer>[] {
  const text = (zh: string, en: string, value: (c: Customer) => string | null, width = 16): ExportColumn<Customer> => ({
    header: lang === 'zh' ? zh : en,
    value,
    width,
  });
  return [
    text('客户编号', 'Number', (c) => c.number, 18),
    text('名称', 'Name', (c) => c.name, 36),
    text('统一社会信用代码', 'Unified social credit code', (c) => c.creditCode, 22),
    text('地区', 'Region', (c) => c.region),
    text('客户经理', 'Manager', (c) => c.manager?.displayName ?? IN_POOL[lang]),
    text('客户等级', 'Level', (c) => c.level),
    { header: lang === 'zh' ? '客户满意度' : 'Satisfaction', value: (c) => c.satisfaction, kind: 'integer' },
    { header: lang === 'zh' ? '客户信用度' : 'Credit', value: (c) => c.credit, kind: 'integer' },
    text('地址', 'Address', (c) => c.address, 36),
    text('邮政编码', 'Postcode', (c) => c.postcode),
    text('电话', 'Phone', (c) => c.phone),
    text('传真', 'Fax', (c) => c.fax),
    text('网址', 'Website', (c) => c.website, 24),
    text('营业执照注册号', 'Business licence no.', (c) => c.licenceNo),
    text('法人', 'Legal representative', (c) => c.legalRepresentative),
    {
      header: lang === 'zh' ? '注册资金（万元）' : 'Registered capital (10k CNY)',
      value: (c) => c.registeredCapital,
      kind: 'money',
    },
    { header: lang === 'zh' ? '年营业额' : 'Annual turnover', value: (c) => c.annualTurnover, kind: 'money' },
    text('开户银行', 'Bank', (c) => c.bank, 24),
    text('银行帐号', 'Bank account', (c) => c.bankAccount, 22),
    text('地税登记号', 'Local tax no.', (c) => c.localTaxNo),
    text('国税登记号', 'National tax no.', (c) => c.nationalTaxNo),
    text('状态', 'Status', (c) => STATUS[c.status]?.[lang] ?? c.status),
    { header: lang === 'zh' ? '创建时间' : 'Created', value: (c) => c.createdAt, kind: 'datetime', width: 18 },
  ];
}

/**
 * GET /customers?format=csv|xlsx (docs/product.md#customers, rule 11): every customer of the list's filters inside the
 * reader's scope, newest first, as the list shows them (a pool customer's phone masked unless `pool.manage`). Audited
 * when the download ends — with its filters, the rows sent and whether it was sent whole.
 */
export function exportCustomers(db: Db, ctx: Ctx, q: CustomerQuery & { format: 'csv' | 'xlsx' }) {
  if (!ctx.actor.can('customer.export')) throw forbidden('Exporting customers takes the permission customer.export');
  const { format, lang, page: _page, pageSize: _pageSize, ...filters } = q;
  const source = repo.customerBatches(db, ctx.actor, { ...filters, poolPhones: ctx.actor.can('pool.manage') });
  async function* audited() {
    let rows = 0;
    let whole = false;
    try {
      for await (const batch of source) {
        rows += batch.length;
        yield batch;
      }
      whole = true;
    } finally {
      await audit(db, ctx, { action: 'export', entity: 'customer', after: { format, filters, rows, whole } });
    }
  }
  const name = { ascii: 'customers', local: TITLE[lang], sheet: TITLE[lang] };
  return exportFile(format, name, columns(lang), audited());
}
