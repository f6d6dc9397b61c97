import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_FOLDER } from '@rumbo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

// The drizzle schema is the source of truth and the committed migrations are what runs in
// production. These tests fail when someone edits one without the other.

const DB_PACKAGE = fileURLToPath(new URL('../../packages/db', import.meta.url));
const DRIZZLE_KIT = join(DB_PACKAGE, 'node_modules', 'drizzle-kit', 'bin.cjs');

let work: string;
let database: TestDatabase;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rumbo-db-drift-'));
  database = await createTestDatabase('db-drift');
});

afterAll(async () => {
  await database.close();
  await rm(work, { recursive: true, force: true });
});

/**
 * Runs `drizzle-kit generate` with the package's own config, writing into a copy of the
 * committed migrations; returns the files it added and its output.
 */
async function generateInto(name: string, schemaOverride?: string) {
  const out = join(work, name);
  await cp(MIGRATIONS_FOLDER, out, { recursive: true });
  const config = join(work, `${name}.config.ts`);
  const override =
    schemaOverride === undefined ? '' : `, schema: ${JSON.stringify(schemaOverride)}`;
  await writeFile(
    config,
    `import config from ${JSON.stringify(join(DB_PACKAGE, 'drizzle.config.ts'))};\n` +
      // drizzle-kit reads `out` relative to the working directory, even when absolute.
      `export default { ...config, out: ${JSON.stringify(relative(DB_PACKAGE, out))}${override} };\n`,
  );
  const before = new Set(await readdir(out));
  const output = await run(process.execPath, [
    DRIZZLE_KIT,
    'generate',
    '--config',
    config,
    '--name',
    'drift',
  ]);
  const added = (await readdir(out)).filter((file) => !before.has(file));
  const sql = await Promise.all(
    added.filter((file) => file.endsWith('.sql')).map((file) => readFile(join(out, file), 'utf8')),
  );
  return { added, output, sql: sql.join('\n') };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: DB_PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`drizzle-kit exited with ${code}: ${output}`));
    });
  });
}

type SnapshotTable = {
  name: string;
  columns: Record<string, { name: string; notNull: boolean }>;
  indexes: Record<string, unknown>;
  checkConstraints: Record<string, unknown>;
};

async function latestSnapshot(): Promise<Record<string, SnapshotTable>> {
  const files = (await readdir(join(MIGRATIONS_FOLDER, 'meta')))
    .filter((file) => file.endsWith('_snapshot.json'))
    .sort();
  const last = files.at(-1) ?? '';
  const snapshot = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', last), 'utf8'));
  return snapshot.tables;
}

describe('schema and migrations', () => {
  it('generate finds nothing to add: the committed migrations match the drizzle schema', async () => {
    const result = await generateInto('same');

    expect(result.added).toEqual([]);
    expect(result.output).toMatch(/No schema changes/i);
  });

  it('generate does report a difference when the schema and migrations disagree', async () => {
    // Only one schema file: every other table looks dropped, so the check is not vacuous.
    const result = await generateInto('missing-tables', './src/schema/workspace.schema.ts');

    expect(result.added.some((file) => file.endsWith('.sql'))).toBe(true);
    expect(result.sql).toContain('DROP TABLE "enrollments"');
  });

  it('the migrated database has exactly the tables, columns, indexes and checks of the snapshot', async () => {
    const tables = Object.values(await latestSnapshot());
    const actual = await database.pool.query<{ kind: string; name: string }>(`
      select 'column' as kind, table_name || '.' || column_name || case when is_nullable = 'NO' then ' not null' else '' end as name
        from information_schema.columns where table_schema = 'public'
      union all
      select 'index', tablename || '.' || indexname from pg_indexes
       where schemaname = 'public' and indexname not like '%_pkey'
      union all
      select 'check', conrelid::regclass::text || '.' || conname from pg_constraint
       where contype = 'c' and connamespace = 'public'::regnamespace`);
    const expected = tables.flatMap((table) => [
      ...Object.values(table.columns).map((column) => ({
        kind: 'column',
        name: `${table.name}.${column.name}${column.notNull ? ' not null' : ''}`,
      })),
      ...Object.keys(table.indexes).map((index) => ({
        kind: 'index',
        name: `${table.name}.${index}`,
      })),
      ...Object.keys(table.checkConstraints).map((check) => ({
        kind: 'check',
        name: `${table.name}.${check}`,
      })),
    ]);
    const sort = (rows: { kind: string; name: string }[]) =>
      rows.map((row) => `${row.kind} ${row.name}`).sort();

    expect(sort(actual.rows)).toEqual(sort(expected));
  });
});
