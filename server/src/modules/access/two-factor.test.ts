import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { count, ok, testApp, userId } from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import { Client } from '../../test/harness.ts';

/** docs/sign-in.md#two-step-verification */
const { t, admin } = await testApp('admin');

/** The code the user's app shows now (the test's clock), as an authenticator computes it from the secret. */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now.getTime() / 1000) });
/** Moves to the next 30-second step, so that a new code can be accepted. */
const nextStep = () => t.clock.advance(30_000);

const newUser = async (username: string, roles = ['manager']) => {
  ok(await admin.post('/users', { username, displayName: username, password: 'long-enough', roles }), 201);
  return t.login(username, 'long-enough');
};
const turnOn = async (client: Client) => {
  const { secret, otpauthUrl } = ok(await client.post('/me/two-factor/setup'));
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/CRM:.+\?secret=[A-Z2-7]+&issuer=CRM$/);
  const { recoveryCodes } = ok(await client.post('/me/two-factor/enable', { code: await codeNow(secret) }));
  nextStep();
  return { secret: secret as string, recoveryCodes: recoveryCodes as string[] };
};
const firstStep = async (username: string) => {
  const client = new Client(t.app);
  const res = ok(await client.post('/auth/login', { username, password: 'long-enough' }));
  expect(res).toEqual({ twoFactorRequired: true });
  expect(client.cookie).toBe('');
  return client;
};

describe('two-step verification', () => {
  it('sets up with a code, signs in in two steps, and refuses a reused or wrong code', async () => {
    const user = await newUser('totp1');
    const { secret } = ok(await user.post('/me/two-factor/setup'));
    // a wrong code does not turn it on
    const before = await fingerprint(t.database);
    const wrong = await user.post('/me/two-factor/enable', { code: '000000' });
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([400, 'code']);
    expect((await user.post('/me/two-factor/enable', { code: '12345' })).status).toBe(400);
    expect(await fingerprint(t.database)).toBe(before);
    const { recoveryCodes } = ok(await user.post('/me/two-factor/enable', { code: await codeNow(secret) }));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // stored as hashes only
    const stored = await t.database.query<{ code_hash: string }>(
      'select code_hash from recovery_codes where user_id = $1',
      [await userId(t, 'totp1')],
    );
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
    expect(ok(await user.get('/auth/me')).user.twoFactorEnabled).toBe(true);
    expect((await user.post('/me/two-factor/setup')).status).toBe(409);

    // the password alone is no session
    nextStep();
    const browser = await firstStep('totp1');
    expect((await browser.get('/auth/me')).status).toBe(401);
    // a 5-digit code is refused before anything
    expect((await browser.post('/auth/login/two-factor', { code: '12345' })).status).toBe(400);
    expect((await browser.post('/auth/login/two-factor', {})).status).toBe(400);
    const code = await codeNow(secret);
    const signedIn = ok(await browser.post('/auth/login/two-factor', { code }));
    expect(signedIn.user.username).toBe('totp1');
    ok(await browser.get('/auth/me'));
    // the same code again, even within its 30 seconds: refused, no session
    const again = await firstStep('totp1');
    const sessions = await count(t, 'select count(*)::int as n from sessions');
    const replay = await again.post('/auth/login/two-factor', { code });
    expect([replay.status, replay.body.error.code]).toEqual([401, 'TWO_FACTOR_INVALID']);
    expect(await count(t, 'select count(*)::int as n from sessions')).toBe(sessions);
    expect((await again.get('/auth/me')).status).toBe(401);
    // the next code works
    nextStep();
    ok(await again.post('/auth/login/two-factor', { code: await codeNow(secret) }));
  });

  it('accepts each recovery code once', async () => {
    const user = await newUser('totp2');
    const { recoveryCodes } = await turnOn(user);
    const [first] = recoveryCodes as [string];
    ok(await (await firstStep('totp2')).post('/auth/login/two-factor', { recoveryCode: first }));
    const second = await firstStep('totp2');
    const sessions = await count(t, 'select count(*)::int as n from sessions');
    const reused = await second.post('/auth/login/two-factor', { recoveryCode: first });
    expect([reused.status, reused.body.error.code]).toEqual([401, 'TWO_FACTOR_INVALID']);
    expect(await count(t, 'select count(*)::int as n from sessions')).toBe(sessions);
    // upper case and without the dash is the same code
    ok(await second.post('/auth/login/two-factor', { recoveryCode: recoveryCodes[1]!.toUpperCase().replace('-', '') }));
  });

  it('asks for the first step again without it, after five minutes, or after five wrong codes; then limits', async () => {
    const user = await newUser('totp3');
    const { secret } = await turnOn(user);
    const none = await new Client(t.app).post('/auth/login/two-factor', { code: '123456' });
    expect([none.status, none.body.error.code]).toEqual([401, 'TWO_FACTOR_EXPIRED']);
    const slow = await firstStep('totp3');
    t.clock.advance(5 * 60_000 + 1000);
    const late = await slow.post('/auth/login/two-factor', { code: await codeNow(secret) });
    expect([late.status, late.body.error.code]).toEqual([401, 'TWO_FACTOR_EXPIRED']);

    const guesser = await firstStep('totp3');
    const good = await codeNow(secret);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      expect((await guesser.post('/auth/login/two-factor', { code: wrong })).body.error.code).toBe(
        'TWO_FACTOR_INVALID',
      );
    }
    // the pending sign-in has ended; signing in again, the code attempts from here are limited (429)
    expect((await guesser.post('/auth/login/two-factor', { code: good })).body.error.code).toBe('TWO_FACTOR_EXPIRED');
    const next = await firstStep('totp3');
    const limited = await next.post('/auth/login/two-factor', { code: good });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('turns off only with the password and a code', async () => {
    const user = await newUser('totp4');
    const { secret, recoveryCodes } = await turnOn(user);
    const before = await fingerprint(t.database);
    const badPassword = await user.post('/me/two-factor/disable', {
      password: 'wrong-one',
      code: await codeNow(secret),
    });
    expect([badPassword.status, badPassword.body.error.details[0].path]).toEqual([400, 'password']);
    const badCode = await user.post('/me/two-factor/disable', { password: 'long-enough', code: '000000' });
    expect([badCode.status, badCode.body.error.details[0].path]).toEqual([400, 'code']);
    expect(await fingerprint(t.database)).toBe(before);
    expect(
      (await user.post('/me/two-factor/disable', { password: 'long-enough', code: recoveryCodes[0] })).status,
    ).toBe(204);
    expect(ok(await user.get('/auth/me')).user.twoFactorEnabled).toBe(false);
    expect(
      await count(t, 'select count(*)::int as n from recovery_codes where user_id = $1', [await userId(t, 'totp4')]),
    ).toBe(0);
    // the password alone signs in again
    expect(
      ok(await new Client(t.app).post('/auth/login', { username: 'totp4', password: 'long-enough' })).user,
    ).toBeTruthy();
  });

  it('a role that requires it leaves its users only the setup until they turn it on', async () => {
    ok(
      await admin.post('/roles', {
        code: 'strict',
        name: 'Strict',
        permissions: ['customer.read'],
        requireTwoFactor: true,
      }),
      201,
    );
    const user = await newUser('totp5', ['strict']);
    const me = ok(await user.get('/auth/me')).user;
    expect(me).toMatchObject({ twoFactorEnabled: false, twoFactorSetupRequired: true });
    const refused = await user.get('/customers');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'TWO_FACTOR_REQUIRED']);
    expect((await user.get('/me/tokens')).body.error.code).toBe('TWO_FACTOR_REQUIRED');
    await turnOn(user);
    ok(await user.get('/customers'));
    expect(ok(await user.get('/auth/me')).user.twoFactorSetupRequired).toBe(false);
    // the administrator sees and changes the role's requirement
    const roles = ok(await admin.get('/roles'));
    expect(roles.find((r: { code: string }) => r.code === 'strict').requireTwoFactor).toBe(true);
  });
});
