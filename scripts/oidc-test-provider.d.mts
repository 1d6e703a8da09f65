/** Types of oidc-test-provider.mjs (a test's OpenID Connect provider on 127.0.0.1). */
export function startOidcProvider(
  redirectUri: string,
  o?: { idTokenTtl?: number },
): Promise<{ issuer: string; login(name: string): void; close(): Promise<void> }>;
export function throughProvider(authorizationUrl: string, until: string): Promise<URL>;
