import http from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, a devDependency) on 127.0.0.1 for the single sign-on
 * tests (server/src/modules/access/oidc.test.ts) and the browser journey (e2e/run.mjs, e2e/sso.e2e.ts): one client
 * (`crm`, a secret, PKCE required), and a sign-in that needs no form — `login(name)` sets who the next sign-in at the
 * provider is, as if that person had typed their password there.
 */
/**
 * @param {string} redirectUri
 * @param {{ idTokenTtl?: number }} [o]
 */
export async function startOidcProvider(redirectUri, o = {}) {
  let next = 'manager1';
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'crm',
        client_secret: 'crm-test-secret',
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    findAccount: async (_ctx, /** @type {string} */ id) => ({
      accountId: id,
      claims: async () => ({ sub: `idp-${id}`, preferred_username: id, email: `${id}@example.test` }),
    }),
    claims: { openid: ['sub'], profile: ['preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // every grant is given: the person consents at the company's provider once, not in this test
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    ttl: { IdToken: o.idTokenTtl ?? 3600 },
    cookies: { keys: ['oidc-test-key'] },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void provider
        .interactionFinished(req, res, { login: { accountId: next } }, { mergeWithLastSubmission: false })
        .catch((e) => {
          res.statusCode = 500;
          res.end(String(e));
        });
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    /** @param {string} name */
    login: (name) => void (next = name),
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * Follows a browser's way through the provider (its redirects, with its cookies) from the authorization URL until it
 * is sent back to `until`; answers that address (with `code`, `state`, `iss`).
 */
/**
 * @param {string} authorizationUrl
 * @param {string} until
 * @returns {Promise<URL>}
 */
export async function throughProvider(authorizationUrl, until) {
  const jar = new Map();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (!location)
      throw new Error(`the provider answered ${res.status} at ${url}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
    if (url.startsWith(until)) return new URL(url);
  }
  throw new Error('the provider never sent the browser back');
}
