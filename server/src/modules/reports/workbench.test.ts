import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { regionalTeam } from '../../test/departments.ts';
import {
  buildCustomer,
  buildSalesYear,
  insertChurnWarning,
  insertOpportunityRow,
  insertServiceRow,
} from '../../test/factories.ts';

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date(2026, 10, 25, 10, 0, 0);
  const mine = await buildCustomer(t, {
    name: '北京我的客户',
    bare: true,
    manager: 'manager1',
    createdAt: new Date(2026, 2, 1),
  });
  const theirs = await buildCustomer(t, {
    name: '上海别人的客户',
    bare: true,
    manager: 'manager2',
    createdAt: new Date(2025, 11, 31, 23, 0, 0),
  });
  const quiet = await buildCustomer(t, {
    name: '广州沉默客户',
    bare: true,
    manager: 'manager1',
    createdAt: new Date(2024, 0, 1),
  });
  ids.mine = mine.id;
  // opportunities: two assigned to manager1, one to manager2, two unassigned, one closed
  ids.opp1 = await insertOpportunityRow(t, {
    summary: '采购服务器',
    customerName: '甲公司',
    assignee: 'manager1',
    createdAt: new Date(2026, 9, 1),
  });
  ids.opp2 = await insertOpportunityRow(t, {
    summary: '采购打印机',
    customerName: '乙公司',
    assignee: 'manager1',
    createdAt: new Date(2026, 9, 5),
  });
  await insertOpportunityRow(t, { summary: '别人的机会', customerName: '丙公司', assignee: 'manager2' });
  ids.free1 = await insertOpportunityRow(t, {
    summary: '未指派一',
    customerName: '丁公司',
    createdAt: new Date(2026, 8, 1),
  });
  ids.free2 = await insertOpportunityRow(t, {
    summary: '未指派二',
    customerName: '戊公司',
    createdAt: new Date(2026, 8, 2),
  });
  await insertOpportunityRow(t, {
    summary: '已成功',
    customerName: '己公司',
    assignee: 'manager1',
    status: 'succeeded',
  });
  // services: new, assigned to manager1 / manager2, handled by manager1, one last year
  ids.newService = await insertServiceRow(t, {
    type: '咨询',
    customerId: mine.id,
    createdAt: new Date(2026, 10, 1),
    summary: '新的咨询',
  });
  ids.toHandle = await insertServiceRow(t, {
    type: '投诉',
    customerId: mine.id,
    createdAt: new Date(2026, 10, 2),
    status: 'assigned',
    assignee: 'manager1',
    summary: '要处理的投诉',
  });
  await insertServiceRow(t, {
    type: '投诉',
    customerId: theirs.id,
    createdAt: new Date(2026, 10, 3),
    status: 'assigned',
    assignee: 'manager2',
  });
  ids.toFollow = await insertServiceRow(t, {
    type: '建议',
    customerId: mine.id,
    createdAt: new Date(2026, 10, 4),
    status: 'handled',
    assignee: 'manager1',
    summary: '要回访的建议',
  });
  await insertServiceRow(t, {
    type: '咨询',
    customerId: mine.id,
    createdAt: new Date(2025, 5, 1),
    status: 'archived',
    assignee: 'manager1',
  });
  // churn: an open warning on manager1's customer, one on manager2's, a lost one on manager1's
  ids.warning = await insertChurnWarning(t, {
    customerId: quiet.id,
    manager: 'manager1',
    status: 'warning',
    lastOrderDate: '2025-01-15',
  });
  await insertChurnWarning(t, {
    customerId: theirs.id,
    manager: 'manager2',
    status: 'delayed',
    lastOrderDate: '2025-02-01',
  });
  await insertChurnWarning(t, {
    customerId: mine.id,
    manager: 'manager1',
    status: 'lost',
    reason: '倒闭',
    confirmedAt: new Date(2026, 1, 1),
  });
  // sales: this year's counted orders (and last year's, and a number the CRM does not know)
  await buildSalesYear(t, mine.number, 2026, '1200.50');
  await buildSalesYear(t, theirs.number, 2026, '300.25');
  await buildSalesYear(t, theirs.number, 2025, '999.00');
  await buildSalesYear(t, 'KH-UNKNOWN', 2026, '5000.00');
});
afterAll(() => t.close());

describe('GET /workbench', () => {
  it('needs a session', async () => {
    expect((await t.anonymous().get('/workbench')).status).toBe(401);
  });

  it("shows a manager their opportunities to develop, services to handle and follow up, and their customers' open churn warnings", async () => {
    const res = await (await t.login('manager1')).get('/workbench');
    expect(res.status).toBe(200);
    const w = res.body;
    expect(Object.keys(w).sort()).toEqual([
      'asOf',
      'churnWarnings',
      'opportunitiesToDevelop',
      'servicesToFollowUp',
      'servicesToHandle',
    ]);
    expect(w.opportunitiesToDevelop.count).toBe(2);
    expect(w.opportunitiesToDevelop.items.map((i: { id: number }) => i.id)).toEqual([ids.opp2, ids.opp1]);
    expect(w.opportunitiesToDevelop.items[0]).toMatchObject({
      title: '采购打印机',
      subtitle: '乙公司',
      at: new Date(2026, 9, 5).toISOString(),
    });
    expect(w.servicesToHandle).toEqual({
      count: 1,
      items: [
        { id: ids.toHandle, title: '要处理的投诉', subtitle: '北京我的客户', at: new Date(2026, 10, 2).toISOString() },
      ],
    });
    expect(w.servicesToFollowUp.items.map((i: { id: number }) => i.id)).toEqual([ids.toFollow]);
    expect(w.churnWarnings).toEqual({
      count: 1,
      items: [{ id: ids.warning, title: '广州沉默客户', subtitle: 'warning', at: '2025-01-15' }],
    });
  });

  it('shows another manager only their own work', async () => {
    const w = (await (await t.login('manager2')).get('/workbench')).body;
    expect(w.opportunitiesToDevelop.count).toBe(1);
    expect(w.servicesToHandle.count).toBe(1);
    expect(w.servicesToFollowUp).toEqual({ count: 0, items: [] });
    expect(w.churnWarnings.items.map((i: { title: string }) => i.title)).toEqual(['上海别人的客户']);
  });

  it("shows a director the unassigned opportunities, the new services and this year's key figures", async () => {
    const w = (await (await t.login('director')).get('/workbench')).body;
    expect(Object.keys(w).sort()).toEqual(['asOf', 'figures', 'newServices', 'unassignedOpportunities']);
    expect(w.unassignedOpportunities.count).toBe(2);
    expect(w.unassignedOpportunities.items.map((i: { id: number }) => i.id)).toEqual([ids.free1, ids.free2]);
    expect(w.newServices.items.map((i: { id: number }) => i.id)).toEqual([ids.newService]);
    // customers 3; new this year 1 (Dec 31 of last year does not count); amount of this year's orders of known
    // customers 1200.50 + 300.25; open warnings 2; services created this year 4
    expect(w.figures).toEqual({
      year: 2026,
      customers: 3,
      newCustomers: 1,
      orderAmount: 1500.75,
      openChurnWarnings: 2,
      services: 4,
      salesAsOf: null,
    });
  });

  it('shows an executive the headline figures only, and an administrator no cards', async () => {
    const exec = (await (await t.login('executive')).get('/workbench')).body;
    expect(Object.keys(exec).sort()).toEqual(['asOf', 'figures']);
    expect(exec.figures.orderAmount).toBe(1500.75);
    const admin = (await (await t.login('admin')).get('/workbench')).body;
    expect(Object.keys(admin)).toEqual(['asOf']);
  });

  it('lists at most five items per card but counts them all', async () => {
    for (let i = 0; i < 6; i++) await insertOpportunityRow(t, { summary: `批量${i}`, customerName: '批量公司' });
    const w = (await (await t.login('director')).get('/workbench')).body;
    expect(w.unassignedOpportunities.count).toBe(8);
    expect(w.unassignedOpportunities.items).toHaveLength(5);
  });
  it("counts a department director's figures inside the department, warnings raised for or held by its managers", async () => {
    const north = await regionalTeam(t, await t.login('admin'), '华北', 'north', ['report.read']);
    // an open warning raised for manager2 on a customer the department's manager holds now, and one raised for the
    // department's manager on a customer manager2 holds now: both belong to the department (docs/organisation.md#data-scope,
    // rule 2); neither is manager1's or manager2's alone
    const heldHere = await buildCustomer(t, { name: '转来的客户', bare: true, manager: north.managerId });
    const raisedHere = await buildCustomer(t, { name: '转走的客户', bare: true, manager: 'manager2' });
    await insertChurnWarning(t, { customerId: heldHere.id, manager: 'manager2', status: 'warning' });
    await insertChurnWarning(t, { customerId: raisedHere.id, manager: 'northm', status: 'delayed' });
    await buildSalesYear(t, heldHere.number, 2026, '10.00');

    const w = (await north.director.get('/workbench')).body;
    expect(w.figures).toMatchObject({ customers: 1, newCustomers: 1, orderAmount: 10, openChurnWarnings: 2 });
  });
});
