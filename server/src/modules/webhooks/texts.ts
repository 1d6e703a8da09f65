import { format } from 'date-fns';

/**
 * The group robots' text of each event (docs/webhooks.md#robot-messages): one readable Chinese message that starts
 * with 【CRM】 (a DingTalk robot secured by a keyword can use "CRM"), then what happened and to what. Written from the
 * event's `data` only — what the JSON format sends too — and tolerant of a field missing.
 */
type Data = Record<string, unknown>;

const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const named = (v: unknown) => str(obj(v).displayName) || str(obj(v).name);

/** The longest text sent: WeCom takes 2,048 bytes of text; Chinese is 3 bytes a character in UTF-8. */
const MAX_CHARS = 600;

const service = (d: Data) => {
  const s = obj(d.service);
  const what = [str(obj(s.customer).name), str(s.summary)].filter(Boolean).join(' — ');
  return { number: str(s.number), what, type: str(s.type), s };
};
const opportunity = (d: Data) => {
  const o = obj(d.opportunity);
  return { o, what: [str(o.customerName), str(o.summary)].filter(Boolean).join(' — ') };
};
const customerLine = (c: Data) => `${str(c.name)}${str(c.number) ? `（${str(c.number)}）` : ''}`;

const LINES: Record<string, (d: Data) => string> = {
  'customer.created': (d) => `新客户：${customerLine(obj(d.customer))}`,
  'customer.updated': (d) => `客户资料已更新：${customerLine(obj(d.customer))}`,
  'customer.transferred': (d) => {
    const list = Array.isArray(d.customers) ? d.customers.map(obj) : [];
    const names = list
      .slice(0, 5)
      .map((c) => str(c.name))
      .filter(Boolean);
    const count = list.length || (Array.isArray(d.customerIds) ? d.customerIds.length : 0);
    const to = named(d.toManager);
    const how = d.handover ? '离职交接' : '客户转移';
    return (
      `${how}：${count} 位客户已转给${to ? ` ${to}` : '新的客户经理'}` +
      (names.length ? `：${names.join('、')}${count > names.length ? ' 等' : ''}` : '')
    );
  },
  'customer.merged': (d) => `客户已合并：${customerLine(obj(d.customer))}`,
  'opportunity.assigned': (d) => {
    const { o, what } = opportunity(d);
    return `销售机会已指派给 ${named(o.assignee) || '客户经理'}：${what}`;
  },
  'opportunity.succeeded': (d) => `销售机会开发成功：${opportunity(d).what}`,
  'opportunity.failed': (d) => {
    const { o, what } = opportunity(d);
    return `销售机会终止开发：${what}${str(o.failReason) ? `（原因：${str(o.failReason)}）` : ''}`;
  },
  'service.created': (d) => {
    const s = service(d);
    return `新的客户服务 ${s.number}${s.type ? `（${s.type}）` : ''}：${s.what}`;
  },
  'service.assigned': (d) => {
    const s = service(d);
    return `客户服务 ${s.number} 已分配给 ${named(s.s.assignee) || '客户经理'}：${s.what}`;
  },
  'service.handled': (d) => {
    const s = service(d);
    return `客户服务 ${s.number} 已处理：${s.what}`;
  },
  'service.archived': (d) => {
    const s = service(d);
    const stars = str(s.s.satisfaction);
    return `客户服务 ${s.number} 已归档${stars ? `（满意度 ${stars}/5）` : ''}：${s.what}`;
  },
  'service.overdue': (d) => {
    const s = service(d);
    return `客户服务 ${s.number} 已超时：${s.what}`;
  },
  'churn.warning': (d) => {
    const w = obj(d.warning);
    const last = str(w.lastOrderDate);
    return `客户流失预警：${customerLine(obj(w.customer))}，${last ? `最后下单 ${last}` : '从未下单'}`;
  },
  'churn.confirmed': (d) => {
    const w = obj(d.warning);
    return `确认客户流失：${customerLine(obj(w.customer))}${str(w.reason) ? `（原因：${str(w.reason)}）` : ''}`;
  },
  'import.finished': (d) => {
    const counts = ['created', 'updated', 'failed']
      .filter((k) => typeof d[k] === 'number')
      .map((k) => `${({ created: '新增', updated: '更新', failed: '失败' } as Data)[k] as string} ${str(d[k])}`);
    return `导入完成${counts.length ? `：${counts.join('，')}` : ''}`;
  },
  'webhook.test': (d) => `测试消息：外部通知「${str(obj(d.webhook).name)}」可以收到 CRM 的事件。`,
};

/** `occurredAt` in the server's time zone (`TZ`, as its calendar days): `2026-12-05 16:30`. */
const local = (at: Date) => format(at, 'yyyy-MM-dd HH:mm');

export function robotText(event: string, data: Data, occurredAt: Date): string {
  const line = LINES[event]?.(data) ?? `事件 ${event}`;
  const text = `【CRM】${line}\n${local(occurredAt)}`;
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
