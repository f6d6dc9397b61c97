// Public API of @rumbo/db: the schema, a connection factory, migrations, embedded PostgreSQL.

export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbHandle,
  type Schema,
} from './client/db.client.ts';
export {
  DATABASE_ERROR_CODES,
  type DatabaseErrorCode,
  DatabaseStartError,
} from './embedded/embedded-postgres.errors.ts';
export {
  EMBEDDED_DATABASE,
  EMBEDDED_POSTGRES_MAJOR,
  type EmbeddedPostgres,
  type StartEmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './embedded/embedded-postgres.lifecycle.ts';
export {
  checkExternalDatabase,
  describeUrl,
  MIN_POSTGRES_VERSION_NUM,
  type ResolveDatabaseOptions,
  type ResolvedDatabase,
  resolveDatabase,
} from './embedded/resolve-database.ts';
export { embeddedSharedBuffersMb } from './embedded/server-settings.ts';
export { MIGRATIONS_FOLDER, runMigrations } from './migrate/run-migrations.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export { schemaTableNames } from './schema/table-names.ts';
