import {
  assignee,
  assigneeQuery,
  changePasswordBody,
  createRoleBody,
  createUserBody,
  idParams,
  loginAnswer,
  ssoInfo,
  loginBody,
  pageOf,
  permissionInfo,
  role,
  twoFactorLoginBody,
  updateRoleBody,
  updateUserBody,
  user,
  userAnswer,
  userQuery,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, ctxOf } from '../../platform/context.ts';
import * as auth from './auth-service.ts';
import * as service from './service.ts';
import {
  clearPendingCookie,
  clearSessionCookie,
  DEVICE_COOKIE,
  PENDING_COOKIE,
  setDeviceCookie,
  setPendingCookie,
  setSessionCookie,
  userAgentOf,
} from './sessions.ts';
import * as oidc from './oidc.ts';
import { AppError } from '../../platform/errors.ts';

const OIDC_COOKIE = 'crm_oidc';
/** What the identity provider sends back: the code and state, or an error; nothing else is read. */
const oidcCallbackQuery = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(500).optional(),
    iss: z.string().max(500).optional(),
    session_state: z.string().max(500).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  })
  .strict();
import { documented } from '../../platform/openapi.ts';

const doc = {
  auth: documented('Auth'),
  users: documented('Users'),
  roles: documented('Roles'),
};

export const presentActor = ({
  id,
  username,
  displayName,
  roles,
  permissions,
  departmentId,
  dataScope,
  twoFactorEnabled,
  twoFactorSetupRequired,
}: Actor) => ({
  user: {
    id,
    username,
    displayName,
    roles,
    permissions,
    departmentId,
    dataScope,
    twoFactorEnabled,
    twoFactorSetupRequired,
  },
});

export const accessRoutes =
  ({ db, database, config }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      doc.auth(
        'public',
        'signIn',
        'Sign in with a username and password (with two-step verification on: the first of two steps)',
        { body: loginBody, response: { 200: loginAnswer } },
        { errors: [401, 429] },
      ),
      async (request, reply) => {
        const signedIn = await auth.signIn(database, {
          ...request.body,
          ip: request.ip,
          userAgent: userAgentOf(request),
          deviceToken: request.cookies[DEVICE_COOKIE],
          now: app.clock(),
          requestId: request.id,
        });
        if ('twoFactorRequired' in signedIn) {
          setPendingCookie(request, reply, config, signedIn.pendingToken);
          return { twoFactorRequired: true as const };
        }
        setSessionCookie(request, reply, config, signedIn.token);
        setDeviceCookie(request, reply, config, signedIn.deviceToken);
        return presentActor(signedIn.actor);
      },
    );

    app.post(
      '/auth/login/two-factor',
      doc.auth(
        'public',
        'signInSecondStep',
        'The second step of a sign-in: a code of the authenticator app, or a recovery code',
        { body: twoFactorLoginBody, response: { 200: userAnswer } },
        { errors: [401, 429] },
      ),
      async (request, reply) => {
        const { token, deviceToken, actor } = await auth.signInSecondStep(database, {
          ...request.body,
          pendingToken: request.cookies[PENDING_COOKIE],
          ip: request.ip,
          userAgent: userAgentOf(request),
          deviceToken: request.cookies[DEVICE_COOKIE],
          now: app.clock(),
          requestId: request.id,
        });
        clearPendingCookie(reply);
        setSessionCookie(request, reply, config, token);
        setDeviceCookie(request, reply, config, deviceToken);
        return presentActor(actor);
      },
    );

    app.get(
      '/auth/sso',
      doc.auth('public', 'getSingleSignOn', 'Whether the sign-in page offers single sign-on', {
        response: { 200: ssoInfo },
      }),
      async () => ({ enabled: !!config.oidc }),
    );

    app.get(
      '/auth/oidc/start',
      doc.auth('public', 'startSingleSignOn', 'Single sign-on: 302 to the identity provider', {}, { errors: [404] }),
      async (request, reply) => {
        const { url, handle } = await oidc.startSignOn(database, config, app.clock());
        reply.setCookie(OIDC_COOKIE, handle, {
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level GET from another site
          sameSite: 'lax',
          secure: config.secureCookie === 'always' || (config.secureCookie === 'auto' && request.protocol === 'https'),
          path: '/api/v1/auth/oidc',
          maxAge: oidc.OIDC_LOGIN_MS / 1000,
        });
        return reply.redirect(url, 302);
      },
    );

    app.get(
      '/auth/oidc/callback',
      doc.auth(
        'public',
        'finishSingleSignOn',
        'Single sign-on: the identity provider’s answer; 302 into the app with a session',
        { querystring: oidcCallbackQuery },
        { errors: [401, 404] },
      ),
      async (request, reply) => {
        reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/auth/oidc' });
        try {
          const { token, deviceToken } = await oidc.finishSignOn(database, config, {
            handle: request.cookies[OIDC_COOKIE],
            query: request.query,
            ip: request.ip,
            userAgent: userAgentOf(request),
            deviceToken: request.cookies[DEVICE_COOKIE],
            now: app.clock(),
            requestId: request.id,
          });
          setSessionCookie(request, reply, config, token);
          setDeviceCookie(request, reply, config, deviceToken);
          return reply.redirect('/', 302);
        } catch (error) {
          // a browser gets the sign-in page, which says what went wrong; a program gets the error itself
          const code = error instanceof AppError ? error.code : undefined;
          if (code && request.headers.accept?.includes('text/html')) {
            return reply.redirect(`/login?sso=${encodeURIComponent(code)}`, 302);
          }
          throw error;
        }
      },
    );

    app.post('/auth/logout', doc.auth('session', 'signOut', 'Sign out: end this session'), async (request, reply) => {
      await auth.signOut(db, ctxOf(request));
      clearSessionCookie(reply);
      return reply.status(204).send();
    });

    app.get(
      '/auth/me',
      doc.auth('session', 'getCurrentUser', 'The signed-in user with their roles and permissions', {
        response: { 200: userAnswer },
      }),
      async (request) => presentActor(ctxOf(request).actor),
    );

    app.post(
      '/auth/password',
      doc.auth('session', 'changeOwnPassword', 'Change one’s own password', { body: changePasswordBody }),
      async (request, reply) => {
        await auth.changeOwnPassword(db, ctxOf(request), request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/users',
      doc.users('user.manage', 'listUsers', 'List users', { querystring: userQuery, response: { 200: pageOf(user) } }),
      async (request) => service.listUsers(db, request.query),
    );
    app.get(
      '/users/:id',
      doc.users('user.manage', 'getUser', 'Get a user', { params: idParams, response: { 200: user } }),
      async (request) => service.getUser(db, request.params.id),
    );
    app.post(
      '/users',
      doc.users('user.manage', 'createUser', 'Create a user', { body: createUserBody, response: { 201: user } }),
      async (request, reply) => reply.status(201).send(await service.createUser(db, ctxOf(request), request.body)),
    );
    app.patch(
      '/users/:id',
      doc.users(
        'user.manage',
        'updateUser',
        'Update a user: name, password, roles, department, email, enabled or disabled',
        {
          params: idParams,
          body: updateUserBody,
          response: { 200: user },
        },
      ),
      async (request) => service.updateUser(db, ctxOf(request), request.params.id, request.body),
    );

    app.get(
      '/roles',
      doc.roles('role.manage', 'listRoles', 'List roles', { response: { 200: z.array(role) } }),
      async () => service.listRoles(db),
    );
    app.get(
      '/roles/:id',
      doc.roles('role.manage', 'getRole', 'Get a role', { params: idParams, response: { 200: role } }),
      async (request) => service.getRole(db, request.params.id),
    );
    app.post(
      '/roles',
      doc.roles('role.manage', 'createRole', 'Create a role', { body: createRoleBody, response: { 201: role } }),
      async (request, reply) => reply.status(201).send(await service.createRole(db, ctxOf(request), request.body)),
    );
    app.patch(
      '/roles/:id',
      doc.roles('role.manage', 'updateRole', 'Update a role', {
        params: idParams,
        body: updateRoleBody,
        response: { 200: role },
      }),
      async (request) => service.updateRole(db, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/roles/:id',
      doc.roles('role.manage', 'deleteRole', 'Delete a role that no user has', { params: idParams }),
      async (request, reply) => {
        await service.deleteRole(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/permissions',
      doc.roles('role.manage', 'listPermissions', 'List the permissions a role can grant', {
        response: { 200: z.array(permissionInfo) },
      }),
      async () => service.listPermissions(),
    );

    app.get(
      '/assignees',
      doc.users('assignee.read', 'listAssignees', 'List the people work can be assigned to', {
        querystring: assigneeQuery,
        response: { 200: z.array(assignee) },
      }),
      async (request) => service.listAssignees(db, ctxOf(request), request.query.family),
    );
  };
