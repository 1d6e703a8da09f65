import {
  apiToken,
  apiTokenOverview,
  createdApiToken,
  createTokenBody,
  disableTwoFactorBody,
  enableTwoFactorBody,
  idParams,
  recoveryCodesAnswer,
  sessionInfo,
  twoFactorSetup,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as auth from './auth-service.ts';
import { clearSessionCookie } from './sessions.ts';
import * as tokens from './tokens.ts';
import * as twoFactor from './two-factor.ts';

const doc = documented('Account');

/** One's own API tokens and sessions, and the administrator's overview of tokens (docs/sign-in.md). */
export const accountRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/me/tokens',
      doc('session', 'listOwnTokens', 'One’s own API tokens (never their secrets)', {
        response: { 200: z.array(apiToken) },
      }),
      async (request) => tokens.listOwnTokens(db, ctxOf(request)),
    );
    app.post(
      '/me/tokens',
      doc('session', 'createOwnToken', 'Create an API token; its secret is in this answer only', {
        body: createTokenBody,
        response: { 201: createdApiToken },
      }),
      async (request, reply) => reply.status(201).send(await tokens.createToken(db, ctxOf(request), request.body)),
    );
    app.delete(
      '/me/tokens/:id',
      doc('session', 'revokeOwnToken', 'Revoke one of one’s API tokens', { params: idParams }),
      async (request, reply) => {
        await tokens.revokeToken(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/tokens',
      doc('user.manage', 'listAllTokens', 'Every API token that is not revoked, with its user (no secrets)', {
        response: { 200: z.array(apiTokenOverview) },
      }),
      async () => tokens.listAllTokens(db),
    );
    app.delete(
      '/tokens/:id',
      doc('user.manage', 'revokeAnyToken', 'Revoke anyone’s API token', { params: idParams }),
      async (request, reply) => {
        await tokens.revokeToken(db, ctxOf(request), request.params.id, true);
        return reply.status(204).send();
      },
    );

    app.get(
      '/me/sessions',
      doc('session', 'listOwnSessions', 'Where one is signed in: one’s active sessions', {
        response: { 200: z.array(sessionInfo) },
      }),
      async (request) => auth.listOwnSessions(db, ctxOf(request)),
    );
    app.delete(
      '/me/sessions',
      doc('session', 'endOtherSessions', 'End every session of one’s own but this one'),
      async (request, reply) => {
        await auth.endOtherSessions(db, ctxOf(request));
        return reply.status(204).send();
      },
    );
    app.delete(
      '/me/sessions/:id',
      doc('session', 'endOwnSession', 'End one of one’s sessions (this one: sign out)', { params: idParams }),
      async (request, reply) => {
        const ctx = ctxOf(request);
        const current = (await auth.listOwnSessions(db, ctx)).find((s) => s.current)?.id;
        await auth.endOwnSession(db, ctx, request.params.id);
        if (current === request.params.id) clearSessionCookie(reply);
        return reply.status(204).send();
      },
    );

    app.post(
      '/me/two-factor/setup',
      doc('session', 'setUpTwoFactor', 'Start two-step verification: a new secret and its otpauth:// address', {
        response: { 200: twoFactorSetup },
      }),
      async (request) => twoFactor.setUp(db, ctxOf(request)),
    );
    app.post(
      '/me/two-factor/enable',
      doc(
        'session',
        'enableTwoFactor',
        'Turn two-step verification on with a code of the app; answers ten recovery codes, once',
        { body: enableTwoFactorBody, response: { 200: recoveryCodesAnswer } },
        { errors: [429] },
      ),
      async (request) => twoFactor.enable(db, ctxOf(request), request.body.code, request.ip),
    );
    app.post(
      '/me/two-factor/disable',
      doc(
        'session',
        'disableTwoFactor',
        'Turn two-step verification off with the password and a code (of the app, or a recovery code)',
        { body: disableTwoFactorBody },
        { errors: [429] },
      ),
      async (request, reply) => {
        await twoFactor.disable(db, ctxOf(request), request.body, request.ip);
        return reply.status(204).send();
      },
    );
  };
