import { asc, eq } from 'drizzle-orm';
import type { OpportunityStatus } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { dictionaryEntries, opportunities, opportunityStageMoves, planItems } from '../../db/schema/index.ts';
import { insertCustomer } from '../customers/index.ts';
import { localDay, utcDay } from '../../platform/calendar.ts';

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
  /** 预计金额 (yuan) and the expected close date in days from now (closed ones: the day they closed). */
  amount: number;
  closeInDays?: number;
  /** The stages it went through, as positions in the stage order (docs/pipeline.md#stages). */
  stages?: number[];
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
    amount: 180000,
    closeInDays: 60,
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
    amount: 85000,
    closeInDays: 45,
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
    amount: 2000000,
    closeInDays: 20,
    stages: [0, 1, 2],
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
    amount: 450000,
    closeInDays: 40,
    stages: [0, 1],
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
    amount: 120000,
    closeInDays: -3,
    stages: [0],
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
    amount: 1500000,
    stages: [0, 1, 2, 3],
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
    amount: 60000,
    stages: [0, 1],
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
  {
    customerName: '瑞丰电子科技公司',
    source: '网站留言',
    successRate: 75,
    summary: '研发中心网络设备',
    contact: ['林工', '13822223333'],
    description: '研发中心扩建，需要整套网络与服务器机柜，已进入合同条款阶段。',
    amount: 760000,
    closeInDays: 10,
    stages: [0, 1, 2, 3],
    createdBy: 'director',
    daysAgo: 30,
    status: 'assigned',
    assignee: 'manager2',
    assignedAfter: 1,
  },
  {
    customerName: '万象商业广场',
    source: '展会',
    successRate: 35,
    summary: '商场公共区域显示屏',
    contact: ['黄经理', '13966667777'],
    description: '商场改造，公共区域需要信息发布屏，尚在初步了解阶段。',
    amount: 300000,
    closeInDays: 75,
    stages: [0],
    createdBy: 'manager1',
    daysAgo: 4,
    status: 'assigned',
    assignee: 'manager1',
    assignedAfter: 1,
  },
];

/**
 * Adds the demo opportunities; the succeeded one becomes a customer as a real success would
 * (docs/product.md#development-plans, rule 5).
 */
export async function seedDemoOpportunities(tx: DbOrTx, users: Record<string, number>, now: Date) {
  const stages = (
    await tx
      .select({ id: dictionaryEntries.id, value: dictionaryEntries.value })
      .from(dictionaryEntries)
      .where(eq(dictionaryEntries.type, 'opportunityStage'))
      .orderBy(asc(dictionaryEntries.id))
  )
    .sort((a, b) => Number(a.value) - Number(b.value))
    .map((e) => e.id);
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
        version: d.status === 'unassigned' ? 1 : 1 + (d.stages?.length ?? 1),
        expectedAmount: d.amount.toFixed(2),
        expectedCloseDate: closedAt
          ? localDay(closedAt)
          : localDay(new Date(now.getTime() + (d.closeInDays ?? 30) * DAY)),
        stageId: d.stages?.length ? (stages[d.stages.at(-1)!] ?? null) : null,
      })
      .returning({ id: opportunities.id });
    // the moves: the first by the director who assigned it, the next ones by the assignee, a few days apart
    const path = (d.stages ?? []).map((i) => stages[i]).filter((id): id is number => id !== undefined);
    if (assignedAt && path.length) {
      await tx.insert(opportunityStageMoves).values(
        path.map((toStageId, i) => ({
          opportunityId: row!.id,
          fromStageId: i === 0 ? null : path[i - 1]!,
          toStageId,
          at: new Date(assignedAt.getTime() + i * 2 * DAY),
          byId: i === 0 ? users.director! : users[d.assignee!]!,
        })),
      );
    }
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
