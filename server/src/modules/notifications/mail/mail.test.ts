import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpportunity, buildService, depsOf, signIn, userIds } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { deliverDueMail, MAX_ATTEMPTS, smtpTransport } from './mailer.ts';

/**
 * docs/notifications.md#email against a real SMTP server started here (smtp-server): down, refusing for a while,
 * then back; the action that causes a mail never waits for it.
 */
type Received = { to: string[]; body: string };
let mode: 'accept' | 'later' | 'never' = 'accept';
const received: Received[] = [];
function startSmtp(port = 0) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (mode === 'later') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      if (mode === 'never') return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  return new Promise<SMTPServer>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
const closeSmtp = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

let smtp = await startSmtp();
const port = (smtp.server.address() as AddressInfo).port;
const t = await createTestApp({ CRM_SMTP_URL: `smtp://127.0.0.1:${port}`, CRM_MAIL_FROM: 'CRM <crm@example.com>' });
afterAll(async () => {
  await closeSmtp(smtp);
  await t.close();
});
// signed in again after the clock has run past a session's life
let [director, manager1] = await signIn(t, 'director', 'manager1');
const ids = await userIds(t, 'manager1');
await t.database.query(`update users set email = 'li.manager@example.com' where id = $1`, [ids.manager1]);
const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
const deliver = () => deliverDueMail(depsOf(t), transport, () => t.clock.now);
const outbox = () =>
  t.database.query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: string }>(
    'select status, attempts, last_error, next_attempt_at from mail_outbox order by id',
  );
const assignTo = async (summary: string) => {
  const s = await buildService(t, { status: 'new', summary });
  const started = performance.now();
  const res = await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1 });
  expect(res.status).toBe(200);
  return { service: s, ms: performance.now() - started };
};

describe('email of notifications (docs/notifications.md#email)', () => {
  it('queues mail only for the kinds the user chose, and says the mail server is configured', async () => {
    const settings = await manager1.patch('/me/notification-settings', { email: { 'service.assigned': true } });
    expect(settings.body).toMatchObject({ mailEnabled: true, address: 'li.manager@example.com' });
    await buildOpportunity(t, { assignee: 'manager1' }); // not chosen: no mail
    expect(await outbox()).toEqual([]);
    await assignTo('邮件一');
    expect(await outbox()).toMatchObject([{ status: 'pending', attempts: 0 }]);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['li.manager@example.com']);
    expect(received[0]!.body).toMatch(/Subject: /);
    expect(received[0]!.body).toContain('crm@example.com');
    expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 1, last_error: null }]);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 }); // sent once
  });

  it('a mail server that is down, then refusing, then back: the action is not slowed, the mail arrives later', async () => {
    await t.database.query('delete from mail_outbox');
    received.length = 0;
    await closeSmtp(smtp);
    const { service, ms } = await assignTo('服务器宕机时分配');
    expect(ms).toBeLessThan(2_000); // the assignment never waits for the mail server
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toBeTruthy();
    expect(new Date(row!.next_attempt_at).getTime() - t.clock.now.getTime()).toBe(60_000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 }); // not due yet

    smtp = await startSmtp(port);
    mode = 'later';
    t.clock.advance(61_000);
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.last_error).toMatch(/451|later/i);
    expect(new Date(row!.next_attempt_at).getTime() - t.clock.now.getTime()).toBe(120_000);

    mode = 'accept';
    t.clock.advance(121_000);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 3 }]);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toContain(service.number as string);
  });

  it('gives up at once on a permanent refusal, and after the last attempt otherwise', async () => {
    await t.database.query('delete from mail_outbox');
    mode = 'never';
    await assignTo('永久拒收');
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect(await outbox()).toMatchObject([{ status: 'failed', attempts: 1 }]);

    await t.database.query('delete from mail_outbox');
    mode = 'later';
    await assignTo('一直稍后');
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect(await deliver()).toEqual({ sent: 0, failed: 1 });
      t.clock.advance(200 * 60_000);
    }
    expect(await outbox()).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    mode = 'accept';
  });

  it('two instances delivering at once send each mail once', async () => {
    await t.database.query('delete from mail_outbox');
    received.length = 0;
    [director, manager1] = await signIn(t, 'director', 'manager1');
    for (let i = 0; i < 6; i++) await assignTo(`并发投递${i}`);
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.sent + b.sent).toBe(6);
    expect(received).toHaveLength(6);
    expect((await outbox()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
