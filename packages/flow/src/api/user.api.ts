import { z } from 'zod';

/** DESIGN §1's people: who may do what in a workspace. */
export const USER_ROLES = ['admin', 'marketer', 'reviewer', 'agent', 'analyst'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/**
 * What a request needs: `read` (every GET), `edit` (campaigns, segments, leads, policies,
 * capacity, runs), `simulate`, `review` (approve or send back), `call` (work the call list),
 * `admin` (users).
 */
export const PERMISSIONS = ['read', 'edit', 'simulate', 'review', 'call', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  marketer: ['read', 'edit', 'simulate'],
  reviewer: ['read', 'simulate', 'review'],
  agent: ['read', 'call'],
  analyst: ['read'],
};

/** Whether a role may do what a permission covers; an unknown role may only read. */
export function roleCan(role: string, permission: Permission): boolean {
  const parsed = UserRole.safeParse(role);
  if (!parsed.success) return permission === 'read';
  return ROLE_PERMISSIONS[parsed.data].includes(permission);
}

/** The roles that have a permission, for error messages ("needs marketer or admin"). */
export function rolesWith(permission: Permission): UserRole[] {
  return USER_ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: UserRole,
    disabled: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserList = z.object({ items: z.array(User) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;

const Password = z.string().min(8).max(1000);

export const CreateUserBody = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().max(200).default(''),
    role: UserRole,
    /** The first password; the user signs in with it. */
    password: Password,
  })
  .strict()
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.input<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    name: z.string().trim().max(200).optional(),
    role: UserRole.optional(),
    /** True ends the user's sessions and refuses sign-in; false lets them back in. */
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict()
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserIdParams = z.object({ id: z.uuid() });

/** A server-to-server credential (`Authorization: Bearer …`); the key itself is never listed. */
export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: UserRole,
    createdAt: z.iso.datetime({ offset: true }),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) }).meta({ id: 'ApiKeyList' });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

export const CreateApiKeyBody = z
  .object({
    /** What the key is for, e.g. "CRM de la tienda". */
    name: z.string().trim().min(1).max(100),
    role: UserRole.default('admin'),
  })
  .strict()
  .meta({ id: 'CreateApiKeyBody' });
export type CreateApiKeyBody = z.input<typeof CreateApiKeyBody>;

/** The answer to creating a key: the only time the key itself is shown. */
export const CreatedApiKey = ApiKey.extend({ key: z.string() }).meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
