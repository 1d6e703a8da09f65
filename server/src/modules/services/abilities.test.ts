import type { ServiceAbilities } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../test/harness.ts';
import { buildService, testApp, userId } from '../../test/factories.ts';

/**
 * A service's `abilities` announce what the server then allows: for each role and each status, the write an ability
 * stands for succeeds exactly when the ability is true (docs/product.md#customer-service).
 */
const { t, director, manager1, manager2, executive } = await testApp('director', 'manager1', 'manager2', 'executive');
const manager2Id = await userId(t, 'manager2');

/** The write each ability announces; each test builds a fresh service, so a success changes nothing else. */
const WRITES: Record<keyof ServiceAbilities, (as: Client, id: number) => ReturnType<Client['post']>> = {
  assign: (as, id) => as.post(`/services/${id}/assign`, { assigneeId: manager2Id }),
  reassign: (as, id) => as.post(`/services/${id}/reassign`, { assigneeId: manager2Id }),
  handle: (as, id) => as.post(`/services/${id}/handle`, { handling: '已上门处理' }),
  feedback: (as, id) => as.post(`/services/${id}/feedback`, { result: '客户满意', satisfaction: 4 }),
};
const STATUSES = ['new', 'assigned', 'handled', 'archived'] as const;
const USERS = { director, manager1, manager2, executive };

describe('abilities on services', () => {
  for (const status of STATUSES) {
    it(`holds for every user and every write on a service that is ${status} (assigned to manager1)`, async () => {
      const wrong: string[] = [];
      for (const [name, as] of Object.entries(USERS)) {
        for (const ability of Object.keys(WRITES) as (keyof ServiceAbilities)[]) {
          const { id } = await buildService(t, { status, assignee: 'manager1' });
          const read = await as.get(`/services/${id}`);
          // a user who may not read the service is offered nothing
          const announced = read.status === 200 ? read.body.abilities[ability] : false;
          const answer = await WRITES[ability](as, id);
          const succeeded = answer.status === 200;
          if (announced !== succeeded) wrong.push(`${name} ${ability}: announced ${announced}, got ${answer.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('answers the abilities with every action, as the user who acted may now do', async () => {
    const { id } = await buildService(t, { status: 'new' });
    const assigned = await WRITES.assign(director, id);
    expect(assigned.body.abilities).toEqual({ assign: false, reassign: true, handle: false, feedback: false });
    const handled = await WRITES.handle(manager2, id);
    expect(handled.body.abilities).toEqual({ assign: false, reassign: false, handle: false, feedback: true });
  });
});
