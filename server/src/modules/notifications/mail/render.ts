import type { NotificationKind } from '@crm/contracts';

/** A mail's subject, in Chinese and English (the server does not know its reader's language). */
const SUBJECT: Record<NotificationKind, [string, string]> = {
  'opportunity.assigned': ['销售机会指派给你', 'An opportunity is assigned to you'],
  'service.assigned': ['客户服务分配给你', 'A service is assigned to you'],
  'service.dissatisfied': ['客户对服务不满意', 'A customer is dissatisfied with a service'],
  'service.overdue': ['服务超时', 'A service is overdue'],
  'churn.warning': ['客户流失预警', 'Churn warning'],
  'plan.due': ['今天的开发计划', 'Today’s plan items'],
  'pool.returning': ['客户即将退回公海', 'A customer is about to return to the pool'],
  'pool.returned': ['客户已退回公海', 'A customer returned to the pool'],
  'customer.transferred': ['客户转给你', 'Customers transferred to you'],
  'portal.service': ['客户在门户提交服务', 'A service requested in the portal'],
  'import.finished': ['导入完成', 'Import finished'],
};

/** The facts of a notification worth a line each, in this order. */
const FACTS: [string, string, string][] = [
  ['customerName', '客户', 'Customer'],
  ['number', '编号', 'Number'],
  ['summary', '概要', 'Summary'],
  ['count', '数量', 'Count'],
  ['satisfaction', '满意度', 'Satisfaction'],
  ['lastOrderDate', '最后下单', 'Last order'],
  ['returnOn', '退回日期', 'Returns on'],
  ['items', '计划项', 'Plan items'],
  ['date', '日期', 'Date'],
];

/** docs/notifications.md#email: the mail of a notification — plain text, both languages, the facts it names. */
export function renderMail(kind: NotificationKind, params: Record<string, unknown>, appUrl: string | undefined) {
  const [zh, en] = SUBJECT[kind];
  const facts = FACTS.filter(([key]) => params[key] !== undefined && params[key] !== null).map(
    ([key, zhLabel, enLabel]) => `${zhLabel} / ${enLabel}: ${String(params[key])}`,
  );
  const text = [
    `${zh} / ${en}`,
    '',
    ...facts,
    '',
    ...(appUrl ? [appUrl] : []),
    '— CRM（可在「我的提醒设置」中关闭邮件 / turn mail off under “My notification settings”）',
  ].join('\n');
  return { subject: `[CRM] ${zh} / ${en}`, text };
}
