import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and committed; `runMigrations` applies them.
// Generate with: pnpm --filter @rumbo/db exec drizzle-kit generate --name <what-changed>
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/*.schema.ts',
  out: './drizzle',
  strict: true,
});
