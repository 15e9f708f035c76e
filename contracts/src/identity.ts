import { z } from 'zod';
import { text } from './text.js';
import { Permission, Role, ScopeInput, ScopeView } from './access.js';
import { Id, PageQuery, Timestamp, pageOf } from './common.js';
import { LANGS } from './i18n.js';

export const LoginBody = z.object({
  username: text(60),
  password: z.string().min(1).max(200),
});

export const OtpRequestBody = z.object({ phone: text(20, { min: 5 }) });
export const OtpVerifyBody = z.object({
  phone: text(20, { min: 5 }),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});

export const Me = z
  .object({
    id: z.number(),
    kind: z.enum(['staff', 'resident']),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    permissions: z.array(Permission),
    scope: ScopeView,
    mustChangePassword: z.boolean(),
    csrfToken: z.string(),
    lang: z.enum(LANGS).nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const UserView = z
  .object({
    id: z.number(),
    kind: z.enum(['staff', 'resident']),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    scope: ScopeView,
    disabled: z.boolean(),
    locked: z.boolean(),
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . -');

export const UserCreate = z.object({
  username: Username,
  displayName: text(40),
  roles: z.array(Role).min(1).max(5),
  scope: ScopeInput,
  password: z.string().min(10).max(200).optional().describe('Omit to generate one, shown once'),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  displayName: text(40).optional(),
  roles: z.array(Role).min(1).max(5).optional(),
  scope: ScopeInput.optional(),
  disabled: z.boolean().optional(),
  version: z.number().int(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserQuery = PageQuery.extend({
  q: text(60, { min: 0 }).optional(),
  role: Role.optional(),
  includeResidents: z.stringbool().default(false),
});
export const UserListPage = pageOf(UserView);

export const UserCreated = z.object({ user: UserView, initialPassword: z.string().nullable() });
export const PasswordReset = z.object({ temporaryPassword: z.string() });

export const ApiTokenView = z
  .object({
    id: z.number(),
    name: z.string(),
    prefix: z.string(),
    permissions: z.array(Permission),
    scope: ScopeView,
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    createdByName: z.string(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export const ApiTokenCreate = z.object({
  name: text(60),
  permissions: z.array(Permission).min(1),
  scope: ScopeInput,
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
});
export const ApiTokenCreated = z.object({ token: ApiTokenView, secret: z.string() });

export const UserIdParams = z.object({ id: Id });
