import {
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenView,
  IdParams,
  Role,
  PasswordReset,
  UserCreate,
  UserCreated,
  UserListPage,
  UserQuery,
  UserUpdate,
  UserView,
  text,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import * as tokens from './tokens.service.js';
import * as usersService from './users.service.js';

export function userRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['admin'];
    app.get('/users', { schema: { tags, querystring: UserQuery, response: { 200: UserListPage } }, config: { access: 'user.manage' } }, async (req) =>
      usersService.listUsers(ctxOf(platform, req), req.query),
    );
    app.get(
      '/users/lookup',
      {
        schema: {
          tags,
          summary: 'Find staff by name for pickers (grid worker, audit filter): id and name only',
          querystring: z.object({ q: text(40, { min: 0 }).optional(), role: Role.optional() }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.number(), username: z.string(), displayName: z.string() })) }) },
        },
        config: { access: { any: ['place.manage', 'audit.read', 'obligation.manage', 'user.manage'] } },
      },
      async (req) => usersService.lookupUsers(ctxOf(platform, req), req.query.q, req.query.role),
    );
    app.post('/users', { schema: { tags, body: UserCreate, response: { 201: UserCreated } }, config: { access: 'user.manage' } }, async (req, reply) =>
      reply.code(201).send(await usersService.createUser(ctxOf(platform, req), req.body)),
    );
    app.get('/users/:id', { schema: { tags, params: IdParams, response: { 200: UserView } }, config: { access: 'user.manage' } }, async (req) =>
      usersService.getUser(ctxOf(platform, req), req.params.id),
    );
    app.patch(
      '/users/:id',
      { schema: { tags, params: IdParams, body: UserUpdate, response: { 200: UserView } }, config: { access: 'user.manage' } },
      async (req) => usersService.updateUser(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/users/:id/reset-password',
      { schema: { tags, params: IdParams, response: { 200: PasswordReset } }, config: { access: 'user.manage' } },
      async (req) => usersService.resetPassword(ctxOf(platform, req), req.params.id),
    );
    app.post('/users/:id/unlock', { schema: { tags, params: IdParams, response: { 200: UserView } }, config: { access: 'user.manage' } }, async (req) =>
      usersService.unlockUser(ctxOf(platform, req), req.params.id),
    );

    app.get(
      '/api-tokens',
      { schema: { tags, response: { 200: z.object({ items: z.array(ApiTokenView) }) } }, config: { access: 'token.manage' } },
      async (req) => ({ items: await tokens.listTokens(ctxOf(platform, req)) }),
    );
    app.post(
      '/api-tokens',
      { schema: { tags, body: ApiTokenCreate, response: { 201: ApiTokenCreated } }, config: { access: 'token.manage' } },
      async (req, reply) => reply.code(201).send(await tokens.createToken(ctxOf(platform, req), req.body)),
    );
    app.post(
      '/api-tokens/:id/revoke',
      { schema: { tags, params: IdParams, response: { 200: ApiTokenView } }, config: { access: 'token.manage' } },
      async (req) => tokens.revokeToken(ctxOf(platform, req), req.params.id),
    );
  };
}
