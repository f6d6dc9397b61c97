import { auditLog } from '@rumbo/db';
import type { JsonValue } from '@rumbo/flow';
import type { Executor } from '../sql/positional.ts';

export interface AuditEntry {
  workspaceId: string;
  actor: string;
  action: string;
  subject: string;
  data: { [key: string]: JsonValue };
}

/** One audit row, in the caller's transaction so the change and its record commit together. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
