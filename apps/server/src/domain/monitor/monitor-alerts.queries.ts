import type { CallNodeQueue, MonitorAlerts } from '@rumbo/flow';
import { findStuckEnrollments } from '@rumbo/runner';
import type { Database } from '../../db/database.ts';
import { listCallTasks } from '../call-tasks/call-task.queries.ts';
import { campaignInWorkspace } from '../runs/run.service.ts';

const STUCK_LISTED = 100;

/**
 * What the operator must see on the monitor besides the counts: leads the runner's checker
 * finds stuck, and per call node the calls waiting (snoozed, or beyond today's capacity). The
 * queue is the call list's own ordering (`listCallTasks`), counted, so both screens agree.
 */
export async function monitorAlerts(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<MonitorAlerts> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const stuck = await findStuckEnrollments(db, { campaignId, limit: STUCK_LISTED });
  const list = await listCallTasks(db, workspaceId, { campaignId, status: 'open', limit: 20_000 });
  const now = Date.parse(list.now);
  const calls = new Map<string, CallNodeQueue>();
  for (const task of list.items) {
    const queue = calls.get(task.nodeId) ?? {
      nodeId: task.nodeId,
      open: 0,
      snoozed: 0,
      queuedForTomorrow: 0,
    };
    queue.open += 1;
    if (task.queuedUntil !== null) queue.queuedForTomorrow += 1;
    else if (task.remindAt !== null && Date.parse(task.remindAt) > now) queue.snoozed += 1;
    calls.set(task.nodeId, queue);
  }
  return {
    stuck: stuck.map((s) => ({
      enrollmentId: s.id,
      leadKey: s.leadKey,
      nodeId: s.nodeId,
      status: s.status,
    })),
    stuckCount: stuck.length,
    calls: [...calls.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
    capacityPerDay: list.capacity?.perDay ?? null,
    remainingToday: list.capacity?.remainingToday ?? null,
  };
}
