// Public API of @rumbo/db: the schema, a connection factory, migrations, embedded PostgreSQL.

export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbHandle,
  type Schema,
} from './client/db.client.ts';
export { MIGRATIONS_FOLDER, runMigrations } from './migrate/run-migrations.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
