import { eq } from 'drizzle-orm';
import type { OpportunityStatus } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { opportunities, planItems } from '../../db/schema/index.ts';
import { insertCustomer } from '../customers/index.ts';
import { utcDay } from '../../platform/calendar.ts';

const DAY = 24 * 3_600_000;

type DemoPlan = { inDays: number; content: string; result?: string };
type DemoOpportunity = {
  customerName: string;
  source: string;
  successRate: number;
  summary: string;
  contact: [string, string] | null;
  description: string;
  createdBy: 'director' | 'manager1' | 'manager2';
  daysAgo: number;
  status: OpportunityStatus;
  assignee?: 'manager1' | 'manager2';
  /** Days after its creation that it was assigned, and (closed ones) closed. */
  assignedAfter?: number;
  closedAfter?: number;
  /** Why a failed one failed. */
  failReason?: string;
  plan?: DemoPlan[];
};

/**
 * docs/product.md#opportunities, rule 7 in the demo company: opportunities in every status, some with plans and
 * results, one converted.
 */
const DEMO: DemoOpportunity[] = [
  {
    customerName: '华信建材有限公司',
    source: '展会',
    successRate: 40,
    summary: '采购办公家具一批',
    contact: ['周建华', '13911112222'],
    description: '在建材展会上认识，新办公楼明年启用，需要整套办公家具。',
    createdBy: 'manager1',
    daysAgo: 2,
    status: 'unassigned',
  },
  {
    customerName: '蓝海物流股份公司',
    source: '电话咨询',
    successRate: 25,
    summary: '仓库管理软件',
    contact: ['孙丽', '021-66778899'],
    description: '客户主动来电咨询仓储管理系统，目前用纸质台账。',
    createdBy: 'director',
    daysAgo: 5,
    status: 'unassigned',
  },
  {
    customerName: '东方明珠酒店管理公司',
    source: '老客户介绍',
    successRate: 70,
    summary: '客房用品年度采购',
    contact: ['钱经理', '13788889999'],
    description: '由老客户介绍，酒店集团计划统一采购客房用品，年采购量较大。',
    createdBy: 'manager1',
    daysAgo: 20,
    status: 'assigned',
    assignee: 'manager1',
    assignedAfter: 1,
    plan: [
      { inDays: 3, content: '电话联系钱经理，了解采购规模和时间', result: '确认年采购约 200 万元，下月招标' },
      { inDays: 10, content: '上门拜访，送样品和报价单', result: '样品反馈良好，价格需再议' },
      { inDays: 25, content: '参加投标，提交正式方案' },
    ],
  },
  {
    customerName: '启明教育科技公司',
    source: '网站留言',
    successRate: 50,
    summary: '多媒体教室设备',
    contact: ['吴老师', '010-55556666'],
    description: '网站留言咨询多媒体教学设备，计划改造 30 间教室。',
    createdBy: 'manager2',
    daysAgo: 12,
    status: 'assigned',
    assignee: 'manager2',
    assignedAfter: 2,
    plan: [
      { inDays: 4, content: '发送产品目录和案例', result: '客户已收到，对投影方案感兴趣' },
      { inDays: 14, content: '安排到样板教室参观' },
    ],
  },
  {
    customerName: '北辰精密机械厂',
    source: '展会',
    successRate: 30,
    summary: '生产车间照明改造',
    contact: null,
    description: '展会上留下名片，车间照明老化，有节能改造需求。',
    createdBy: 'director',
    daysAgo: 8,
    status: 'assigned',
    assignee: 'manager1',
    assignedAfter: 1,
  },
  {
    customerName: '恒丰食品集团',
    source: '老客户介绍',
    successRate: 80,
    summary: '冷链设备采购',
    contact: ['郑总', '13655557777'],
    description: '集团新建冷库，需要冷链运输和储存设备，预算充足。',
    createdBy: 'manager2',
    daysAgo: 60,
    status: 'succeeded',
    assignee: 'manager2',
    assignedAfter: 1,
    closedAfter: 30,
    plan: [
      { inDays: 3, content: '拜访郑总，了解冷库规划', result: '需求明确，两期建设' },
      { inDays: 12, content: '提交设备方案与报价', result: '方案通过技术评审' },
      { inDays: 25, content: '商务谈判，敲定合同条款', result: '双方签订一期合同' },
    ],
  },
  {
    customerName: '青松园林绿化公司',
    source: '电话咨询',
    successRate: 20,
    summary: '园林机械租赁',
    contact: ['冯工', '13500001111'],
    description: '询问园林机械租赁，我方以销售为主。',
    createdBy: 'manager1',
    daysAgo: 45,
    status: 'failed',
    assignee: 'manager1',
    assignedAfter: 2,
    closedAfter: 15,
    failReason: '客户只需短期租赁，无购买意向',
    plan: [
      { inDays: 4, content: '电话沟通需求', result: '客户只需短期租赁' },
      { inDays: 9, content: '推荐分期购买方案', result: '客户无购买意向，终止开发' },
    ],
  },
];

/**
 * Adds the demo opportunities; the succeeded one becomes a customer as a real success would
 * (docs/product.md#development-plans, rule 5).
 */
export async function seedDemoOpportunities(tx: DbOrTx, users: Record<string, number>, now: Date) {
  for (const d of DEMO) {
    const createdAt = new Date(now.getTime() - d.daysAgo * DAY);
    const assignedAt = d.assignedAfter === undefined ? null : new Date(createdAt.getTime() + d.assignedAfter * DAY);
    const closedAt = d.closedAfter === undefined ? null : new Date(createdAt.getTime() + d.closedAfter * DAY);
    const [row] = await tx
      .insert(opportunities)
      .values({
        source: d.source,
        customerName: d.customerName,
        successRate: d.successRate,
        summary: d.summary,
        contactName: d.contact?.[0] ?? null,
        contactPhone: d.contact?.[1] ?? null,
        description: d.description,
        status: d.status,
        createdById: users[d.createdBy]!,
        createdAt,
        assigneeId: d.assignee ? users[d.assignee]! : null,
        assignedAt,
        closedAt,
        failReason: d.failReason ?? null,
        version: d.status === 'unassigned' ? 1 : 2,
      })
      .returning({ id: opportunities.id });
    if (d.plan?.length) {
      await tx.insert(planItems).values(
        d.plan.map((p) => ({
          opportunityId: row!.id,
          date: utcDay(new Date(createdAt.getTime() + p.inDays * DAY)),
          content: p.content,
          result: p.result ?? null,
          createdAt: assignedAt ?? createdAt,
        })),
      );
    }
    if (d.status === 'succeeded') {
      const ctx = { requestId: 'demo', now: closedAt!, actor: { id: users[d.assignee!]! } };
      const firstContact = d.contact ? { name: d.contact[0], officePhone: d.contact[1] } : undefined;
      const customer = await insertCustomer(
        tx,
        ctx,
        { name: d.customerName, managerId: users[d.assignee!]! },
        firstContact,
      );
      await tx.update(opportunities).set({ customerId: customer.id }).where(eq(opportunities.id, row!.id));
    }
  }
  return DEMO.length;
}
