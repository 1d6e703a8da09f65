import type { OpportunityAbilities } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildOpportunity, dictionaryId, userId } from '../../test/factories.ts';

/**
 * `abilities` (docs/product.md#opportunities, rule 8) announce what the server then allows: for every ability, the
 * write it stands for succeeds exactly when the ability is true, for each role and state.
 */
let t: TestApp;
let director: Client, manager1: Client, manager2: Client;
let manager1Id: number, manager2Id: number, secondStage: number;
beforeAll(async () => {
  t = await createTestApp();
  const users = ['director', 'manager1', 'manager2'] as const;
  [director, manager1, manager2] = (await Promise.all(users.map((u) => t.login(u)))) as [Client, Client, Client];
  [manager1Id, manager2Id] = (await Promise.all(users.slice(1).map((u) => userId(t, u)))) as [number, number];
  secondStage = await dictionaryId(t, 'opportunityStage', '需求确认');
});
afterAll(() => t.close());

type Made = { id: number; version: number };

/** Opportunities created by manager1, in each state that changes what may be done. */
const STATES: Record<string, () => Promise<Made>> = {
  unassigned: () => buildOpportunity(t, { by: manager1 }),
  'assigned to manager2': () => buildOpportunity(t, { by: manager1, director, assignee: 'manager2' }),
  failed: async () => {
    const o = await buildOpportunity(t, { by: manager1, director, assignee: 'manager2' });
    expect((await director.post(`/opportunities/${o.id}/fail`, {})).status).toBe(200);
    return o;
  },
};

/** The write each ability announces. */
const WRITES: Record<keyof OpportunityAbilities, (as: Client, o: Made) => ReturnType<Client['get']>> = {
  edit: (as, o) => as.patch(`/opportunities/${o.id}`, { version: o.version, summary: '改过的概要' }),
  delete: (as, o) => as.delete(`/opportunities/${o.id}`),
  assign: (as, o) => as.post(`/opportunities/${o.id}/assign`, { assigneeId: manager2Id }),
  reassign: (as, o) => as.post(`/opportunities/${o.id}/reassign`, { assigneeId: manager1Id }),
  plan: (as, o) => as.post(`/opportunities/${o.id}/plan-items`, { date: '2026-12-05', content: '拜访客户' }),
  close: (as, o) => as.post(`/opportunities/${o.id}/fail`, { reason: '预算取消' }),
  pipeline: (as, o) => as.post(`/opportunities/${o.id}/stage`, { stageId: secondStage }),
};

describe('abilities on opportunities (docs/product.md#opportunities, rule 8)', () => {
  it('a manager may not edit someone else’s opportunity, and the server refuses; its creator may, and it succeeds', async () => {
    const o = await buildOpportunity(t, { by: manager1, director, assignee: 'manager2' });
    const asAssignee = await manager2.get(`/opportunities/${o.id}`);
    expect(asAssignee.body.abilities).toMatchObject({
      edit: false,
      delete: false,
      plan: true,
      close: true,
      pipeline: true,
    });
    expect((await WRITES.edit(manager2, o)).status).toBe(403);

    const mine = await buildOpportunity(t, { by: manager1 });
    expect((await manager1.get(`/opportunities/${mine.id}`)).body.abilities).toEqual({
      edit: true,
      delete: true,
      assign: false,
      reassign: false,
      plan: false,
      close: false,
      pipeline: false,
    });
    const edited = await WRITES.edit(manager1, mine);
    expect(edited.status, edited.text).toBe(200);
    // every answer carries them: after the edit, still the creator's to edit
    expect(edited.body.abilities.edit).toBe(true);
  });

  for (const [state, make] of Object.entries(STATES)) {
    for (const [who, as] of [
      ['director', () => director],
      ['manager1 (creator)', () => manager1],
      ['manager2', () => manager2],
    ] as const) {
      it(`${state}, for ${who}: each write succeeds exactly when its ability says so`, async () => {
        const sample = await make();
        const detail = await as().get(`/opportunities/${sample.id}`);
        const row = (await as().get('/opportunities?pageSize=100')).body.items.find((i: Made) => i.id === sample.id);
        // one this user may not see (404, not in the list) offers nothing, and nothing may be done with it
        const abilities: OpportunityAbilities =
          detail.status === 404
            ? { edit: false, delete: false, assign: false, reassign: false, plan: false, close: false, pipeline: false }
            : detail.body.abilities;
        if (detail.status === 404) expect(row).toBeUndefined();
        else expect(row.abilities).toEqual(abilities); // the list's rows carry the same as the detail
        for (const [ability, write] of Object.entries(WRITES) as [keyof OpportunityAbilities, typeof WRITES.edit][]) {
          const fresh = ability === 'edit' ? sample : await make(); // each write on an opportunity of its own
          const res = await write(as(), fresh);
          expect(res.status < 300, `${ability}: ${res.status} ${res.text}`).toBe(abilities[ability]);
        }
      });
    }
  }
});
