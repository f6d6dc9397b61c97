import { type JsonValue, USER_ROLES, type UserRole } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, uuidPk } from './column.helpers.ts';

/** A tenant: every business row belongs to exactly one workspace. */
export const workspaces = pgTable('workspaces', {
  id: uuidPk(),
  name: text('name').notNull(),
  /** Policies and defaults (pressure caps, quiet hours, channel defaults); read through a zod schema. */
  settings: jsonb('settings').$type<{ [key: string]: JsonValue }>().notNull().default({}),
  createdAt: createdAt(),
});

/** The roles, defined once with what each may do in `@rumbo/flow` (`ROLE_PERMISSIONS`). */
export { USER_ROLES, type UserRole } from '@rumbo/flow';

export const users = pgTable(
  'users',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** Stored lower-cased; the login name. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    /** Null for users who can only sign in through another mechanism (none yet). */
    passwordHash: text('password_hash'),
    role: text('role').$type<UserRole>().notNull().default('marketer'),
    locale: text('locale').notNull().default('es'),
    createdAt: createdAt(),
    disabledAt: instant('disabled_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_role_check', sql`${t.role} in (${oneOf(USER_ROLES)})`),
  ],
);

/** Server-to-server credentials (`Authorization: Bearer …`); only a hash of the key is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** SHA-256 of the key, hex. */
    keyHash: text('key_hash').notNull(),
    role: text('role').$type<UserRole>().notNull().default('admin'),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    check('api_keys_role_check', sql`${t.role} in (${oneOf(USER_ROLES)})`),
  ],
);

/** Browser sessions (cookie); the id is a hash of the cookie's token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
