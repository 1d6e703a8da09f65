import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { OIDC_LOGIN_MS, startSession, withActor } from './auth-service.ts';

export { OIDC_LOGIN_MS };
import * as oidcRepo from './oidc-repo.ts';
import { accountDisabled, hashToken, newToken } from './principal.ts';
import * as repo from './repo.ts';

type Oidc = NonNullable<Config['oidc']>;

export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

const stateInvalid = () =>
  new AppError('SSO_STATE_INVALID', 'This single sign-on was not started here, has expired, or was used already');
const failed = () => new AppError('SSO_FAILED', 'The identity provider’s answer could not be verified; sign in again');

/**
 * The identity provider's metadata, discovered once per process and kept (configuration, not state: any instance
 * discovers the same). A failed discovery is not kept, so the next sign-on tries again.
 */
/** A confidential client sends its secret as HTTP Basic authentication (the usual default); a public one none. */
const authOf = (oidc: Oidc) => (oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None());
const localHttp = (oidc: Oidc) => {
  const issuer = new URL(oidc.issuer);
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
};
const discovered = new Map<string, Promise<client.Configuration>>();
function configurationOf(oidc: Oidc): Promise<client.Configuration> {
  const key = `${oidc.issuer} ${oidc.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(oidc.issuer);
    found = client.discovery(
      issuer,
      oidc.clientId,
      oidc.clientSecret,
      authOf(oidc),
      // a provider on plain http only on this machine (a test's, a developer's), never across the network
      localHttp(oidc) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered.set(key, found);
    found.catch(() => discovered.delete(key));
  }
  return found;
}

const configured = (config: Config): Oidc => {
  if (!config.oidc) throw new AppError('SSO_NOT_CONFIGURED', 'Single sign-on is not configured on this server');
  return config.oidc;
};

/**
 * Starts a sign-on (docs/sign-in.md#single-sign-on, rules 1–2): state, nonce and PKCE verifier are kept in a row the
 * browser's `crm_oidc` cookie names; answers the provider's address and the cookie's value. No connection is held
 * while the provider is asked for its metadata.
 */
export async function startSignOn(database: Database, config: Config, now: Date) {
  const oidc = configured(config);
  const configuration = await configurationOf(oidc).catch(() => {
    throw failed();
  });
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const handle = newToken();
  await oidcRepo.insertLogin(database.db, { handleHash: hashToken(handle), state, nonce, codeVerifier, now });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${oidc.publicUrl}${CALLBACK_PATH}`,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, handle };
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The provider's answer (rules 2–4): the sign-on this browser started, its state, the code exchanged with the PKCE
 * verifier, the ID token's signature, issuer, audience, expiry and nonce checked by openid-client — then an existing
 * active user named by the configured claim gets a session. Nothing is created otherwise.
 */
export async function finishSignOn(
  database: Database,
  config: Config,
  input: {
    handle: string | undefined;
    query: Record<string, string>;
    ip: string;
    userAgent: string | null;
    deviceToken: string | undefined;
    now: Date;
    requestId: string;
  },
) {
  const oidc = configured(config);
  if (!input.handle || input.handle.length > 100) throw stateInvalid();
  const started = await oidcRepo.takeLogin(database.db, hashToken(input.handle));
  if (!started || input.now.getTime() - started.createdAt.getTime() > OIDC_LOGIN_MS) throw stateInvalid();
  if (typeof input.query.state !== 'string' || !sameText(input.query.state, started.state)) throw stateInvalid();
  const discoveredConfiguration = await configurationOf(oidc).catch(() => {
    throw failed();
  });
  // openid-client checks the ID token's times against our clock (the app's, which tests move): a configuration of
  // this request's own, with that clock's offset
  const configuration = new client.Configuration(
    discoveredConfiguration.serverMetadata(),
    oidc.clientId,
    {
      ...(oidc.clientSecret ? { client_secret: oidc.clientSecret } : {}),
      [client.clockSkew]: Math.round((input.now.getTime() - Date.now()) / 1000),
    },
    authOf(oidc),
  );
  if (localHttp(oidc)) client.allowInsecureRequests(configuration);
  const callbackUrl = new URL(`${oidc.publicUrl}${CALLBACK_PATH}`);
  for (const [key, value] of Object.entries(input.query)) callbackUrl.searchParams.set(key, value);
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    throw failed();
  }
  const name = claims?.[oidc.usernameClaim];
  if (typeof name !== 'string' || !name) throw failed();
  const user = await repo.findUserForLogin(database.db, name.toLowerCase());
  if (!user) throw new AppError('SSO_UNKNOWN_USER', 'The identity provider names no user of this CRM');
  if (!user.active) throw accountDisabled();
  const created = await database.db.transaction((tx) =>
    startSession(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      deviceToken: undefined,
      now: input.now,
      requestId: input.requestId,
    }),
  );
  return withActor(database, created);
}
