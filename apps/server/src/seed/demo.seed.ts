import { schema } from '@rumbo/db';
import { templates } from '@rumbo/flow';
import { count, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { hashPassword, tokenHash } from '../domain/auth/password.ts';
import { type DemoAudience, generateDemoAudience } from './demo-leads.ts';
import { type DemoShowcase, seedDemoShowcase } from './demo-showcase.seed.ts';

/** The two campaigns of seed 000 (free sample; SaaS trial), created as drafts in Spanish. */
export const DEMO_TEMPLATE_IDS = ['seed-free-sample', 'seed-saas-trial'] as const;

/** Arbitrary constant: advisory lock so two processes starting together seed once ("seed"). */
const SEED_LOCK = 0x73656564;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1_000;

export type SeedResult =
  | {
      seeded: true;
      workspaceId: string;
      leads: number;
      events: number;
      campaigns: number;
      showcase: DemoShowcase;
    }
  | { seeded: false; reason: 'workspace-exists' };

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

async function insertAudience(tx: Database, workspaceId: string, audience: DemoAudience) {
  for (const part of chunks(audience.leads)) {
    await tx
      .insert(schema.leads)
      .values(part.map((lead) => ({ ...lead, workspaceId, updatedAt: lead.createdAt })));
  }
  for (const part of chunks(audience.events)) {
    await tx.insert(schema.leadEvents).values(part.map((event) => ({ ...event, workspaceId })));
  }
}

async function insertCampaigns(tx: Database, workspaceId: string): Promise<number> {
  const drafts = DEMO_TEMPLATE_IDS.map((id) => {
    const template = templates.find((candidate) => candidate.id === id);
    if (template === undefined) throw new Error(`the flow template ${id} is missing`);
    return template.build('es');
  });
  await tx.insert(schema.campaigns).values(
    drafts.map((draft) => ({
      workspaceId,
      code: draft.settings.code,
      name: draft.settings.name,
      description: draft.settings.description,
      status: 'draft' as const,
      draft,
    })),
  );
  return drafts.length;
}

/**
 * Creates the demo workspace — ~2,000 leads with their history, the seed campaigns as drafts
 * (one of them waiting for review) and one running test-mode campaign (`seedDemoShowcase`) —
 * on an install that has no workspace yet. Idempotent and safe to run from
 * several processes at once: one transaction under an advisory lock, skipped when any
 * workspace exists (a user's own data is never mixed with demo data).
 */
export async function seedDemoWorkspace(db: Database): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(schema.workspaces);
    if ((existing?.n ?? 0) > 0) return { seeded: false, reason: 'workspace-exists' };

    const clock = await tx.execute<{ now: Date | string }>(sql`select now() as now`);
    const now = new Date(clock.rows[0]?.now ?? Date.now());
    const [workspace] = await tx
      .insert(schema.workspaces)
      .values({ name: 'Demo', settings: { demo: true, currency: 'EUR', locale: 'es' } })
      .returning({ id: schema.workspaces.id });
    if (workspace === undefined) throw new Error('the demo workspace was not created');

    const audience = generateDemoAudience({ now });
    await insertAudience(tx, workspace.id, audience);
    const drafts = await insertCampaigns(tx, workspace.id);
    const showcase = await seedDemoShowcase(tx, workspace.id, now);
    return {
      seeded: true,
      workspaceId: workspace.id,
      leads: audience.leads.length,
      events: audience.events.length,
      campaigns: drafts + 1,
      showcase,
    };
  });
}

/** The first administrator from RUMBO_ADMIN_EMAIL/PASSWORD, only while there is no user. */
export async function ensureFirstAdmin(
  db: Database,
  workspaceId: string,
  admin: { email: string; password: string },
): Promise<boolean> {
  const [users] = await db.select({ n: count() }).from(schema.users);
  if ((users?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(admin.password);
  const inserted = await db
    .insert(schema.users)
    .values({
      workspaceId,
      email: admin.email.toLowerCase(),
      name: 'Admin',
      passwordHash,
      role: 'admin',
    })
    .onConflictDoNothing()
    .returning({ id: schema.users.id });
  return inserted.length > 0;
}

/** With RUMBO_API_KEY set, an administrator key with that value exists (only its hash is kept). */
export async function ensureApiKey(db: Database, workspaceId: string, key: string): Promise<void> {
  const keyHash = tokenHash(key);
  await db
    .insert(schema.apiKeys)
    .values({ workspaceId, name: 'RUMBO_API_KEY', keyHash, role: 'admin' })
    .onConflictDoNothing();
}
