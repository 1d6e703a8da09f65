import { and, asc, eq } from 'drizzle-orm';
import type { ServiceEventKind, ServiceStatus } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, dictionaryEntries, serviceEvents, services } from '../../db/schema/index.ts';
import { serviceNumber } from './numbers.ts';
import { insertPortalService } from './portal-repo.ts';
import { insertServiceEvent, nextServiceIds } from './repo.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SUMMARIES: Record<string, string[]> = {
  咨询: ['询问新产品报价', '咨询保修政策', '询问发货时间', '咨询批量采购折扣', '询问设备安装方法', '咨询发票开具'],
  投诉: ['发货延迟', '产品包装破损', '发票信息错误', '售后响应太慢', '产品质量问题', '送货少件'],
  建议: ['建议增加夜间热线', '建议提供电子对账单', '建议优化下单流程', '建议缩短交货周期', '建议增加培训课程'],
};
const HANDLINGS = [
  '已电话回复客户并发送资料',
  '安排工程师上门处理',
  '已补发货物并致歉',
  '已重新开具发票',
  '已转产品部门评估并答复客户',
];
const GOOD_RESULTS = ['客户表示满意', '问题已解决，客户认可', '客户感谢及时处理'];
const BAD_RESULTS = ['客户认为问题没有解决', '客户对处理速度不满意'];

/** A small deterministic generator: the demo looks the same on every first start. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: T[]) => list[Math.floor(next() * list.length)]!,
  };
}

type Step = { kind: ServiceEventKind; text: string | null; satisfaction: number | null; userId: number; at: Date };

/**
 * docs/product.md#customer-service in the demo company: services of every type in every status over the last two years
 * — older ones archived, recent ones at every step, some with a dissatisfied first feedback that sent them back to be
 * handled again. Reads the customers the customers seeder made; without customers it adds nothing. Answers how many it
 * made.
 */
export async function seedDemoServices(tx: DbOrTx, users: Record<string, number>, now: Date) {
  const found = await tx
    .select({ id: customers.id, name: customers.name, managerId: customers.managerId })
    .from(customers)
    .orderBy(asc(customers.id))
    .limit(40);
  const types = await tx
    .select({ id: dictionaryEntries.id, item: dictionaryEntries.item })
    .from(dictionaryEntries)
    .where(eq(dictionaryEntries.type, 'serviceType'))
    .orderBy(asc(dictionaryEntries.id));
  const managers = [users.manager1, users.manager2].filter((id): id is number => id !== undefined);
  const director = users.director;
  if (!found.length || !types.length || !managers.length || director === undefined) return 0;

  const r = random(20_240_517);
  const total = 72;
  const ids = await nextServiceIds(tx, total);
  const rows: (typeof services.$inferInsert)[] = [];
  const events: (typeof serviceEvents.$inferInsert)[] = [];

  for (let i = 0; i < total; i++) {
    // the 24 newest cover every type in every status; the rest, spread over two years, are archived
    const status: ServiceStatus =
      i < 24 ? (['new', 'assigned', 'handled', 'archived'] as const)[Math.floor(i / 3) % 4]! : 'archived';
    const type = types[i % types.length]!;
    const daysAgo = i < 24 ? i * 2 + r.int(0, 1) : 50 + Math.floor(((i - 24) / (total - 24)) * 675) + r.int(0, 4);
    const createdAt = new Date(now.getTime() - daysAgo * DAY - r.int(1, 8) * HOUR);
    const customer = r.pick(found);
    const creator = r.pick(managers);
    const owner = customer.managerId;
    const assignee = owner !== null && managers.includes(owner) ? owner : r.pick(managers);
    const summary = r.pick(SUMMARIES[type.item] ?? SUMMARIES['咨询']!);
    const request = `${customer.name}来电：${summary}，请尽快处理。`;
    const steps: Step[] = [{ kind: 'created', text: request, satisfaction: null, userId: creator, at: createdAt }];
    // each step follows the last by a few hours, never later than now
    let at = createdAt;
    const later = () =>
      (at = new Date(Math.min(at.getTime() + r.int(2, 30) * HOUR, now.getTime() - (total - i) * 60_000)));
    const row: typeof services.$inferInsert = {
      id: ids[i]!,
      number: serviceNumber(createdAt, ids[i]!),
      typeId: type.id,
      summary,
      customerId: customer.id,
      status,
      request,
      createdById: creator,
      createdAt,
    };
    if (status !== 'new') {
      row.assigneeId = assignee;
      row.assignedAt = later();
      steps.push({ kind: 'assigned', text: null, satisfaction: null, userId: director, at: row.assignedAt });
    }
    // every fifth service past assignment met a dissatisfied customer once (docs/product.md#customer-service, rule 4)
    // and was handled again
    const rounds = status !== 'new' && i % 5 === 1 ? 2 : 1;
    const handledRounds = status === 'new' ? 0 : status === 'assigned' ? rounds - 1 : rounds;
    for (let round = 1; round <= handledRounds; round++) {
      row.handling = r.pick(HANDLINGS);
      row.handledById = assignee;
      row.handledAt = later();
      steps.push({ kind: 'handled', text: row.handling, satisfaction: null, userId: assignee, at: row.handledAt });
      const lastRound = round === rounds;
      if (!lastRound || status === 'archived') {
        row.satisfaction = lastRound ? r.int(3, 5) : r.int(1, 2);
        row.result = lastRound ? r.pick(GOOD_RESULTS) : r.pick(BAD_RESULTS);
        steps.push({
          kind: 'feedback',
          text: row.result,
          satisfaction: row.satisfaction,
          userId: assignee,
          at: later(),
        });
      }
    }
    rows.push(row);
    events.push(...steps.map((s) => ({ ...s, serviceId: ids[i]! })));
  }
  await tx.insert(services).values(rows);
  await tx.insert(serviceEvents).values(events);
  return total;
}

/**
 * A request the demo's portal user filed a little before `now`, waiting in 服务分配 with its 门户 tag
 * (docs/portal.md#into-the-crm).
 */
export async function seedDemoPortalRequest(
  tx: DbOrTx,
  contact: { id: number; name: string; customerId: number },
  now: Date,
) {
  const [type] = await tx
    .select({ id: dictionaryEntries.id })
    .from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.type, 'serviceType'), eq(dictionaryEntries.item, '咨询')));
  if (!type) return;
  const at = new Date(now.getTime() - 2 * HOUR);
  const request = '请问上月订单的发票何时寄出？我们财务月底前需要入账。';
  const serviceId = await insertPortalService(
    tx,
    {
      typeId: type.id,
      summary: '询问发票寄送时间',
      request,
      customerId: contact.customerId,
      contactId: contact.id,
      contactName: contact.name,
    },
    at,
  );
  await insertServiceEvent(tx, {
    serviceId,
    kind: 'created',
    text: request,
    userId: null,
    contactId: contact.id,
    contactName: contact.name,
    at,
  });
}
