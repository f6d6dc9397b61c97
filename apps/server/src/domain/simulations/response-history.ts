import { HISTORY_CHANNELS, type ResponseHistory } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { runSql } from '../segments/positional-sql.ts';

const Row = z.object({
  channel: z.enum(HISTORY_CHANNELS),
  signal: z.string(),
  sent: z.coerce.number(),
  responded: z.coerce.number(),
});

/**
 * The real response rates of the workspace's past campaigns, per channel and signal. A step's
 * channel is its node's type in the version it ran on; a response is a signal the runner
 * attributed to that step (machine-made signals — link scanners — left out). Distinct steps
 * are counted, so a lead opening an email three times is one open.
 */
const HISTORY_SQL = `
WITH node_types AS (
  SELECT v.campaign_id, v.version, n->>'id' AS node_id, n->>'type' AS channel
  FROM campaign_versions v
  JOIN campaigns c ON c.id = v.campaign_id AND c.workspace_id = $1
  CROSS JOIN LATERAL jsonb_array_elements(v.document->'nodes') AS n
  WHERE n->>'type' = ANY($2::text[])
), sent AS (
  SELECT s.id, t.channel
  FROM steps s
  JOIN node_types t ON t.campaign_id = s.campaign_id AND t.version = s.version AND t.node_id = s.node_id
  WHERE s.acted_at IS NOT NULL
), totals AS (
  SELECT channel, count(*) AS sent FROM sent GROUP BY channel
), answered AS (
  SELECT sent.channel, g.name AS signal, count(DISTINCT g.step_id) AS responded
  FROM sent JOIN signals g ON g.step_id = sent.id AND NOT g.machine
  GROUP BY sent.channel, g.name
)
SELECT a.channel, a.signal, t.sent, a.responded
FROM answered a JOIN totals t USING (channel)
ORDER BY a.channel, a.signal`;

export async function responseHistory(db: Database, workspaceId: string): Promise<ResponseHistory> {
  const rows = await runSql(db, HISTORY_SQL, [workspaceId, [...HISTORY_CHANNELS]]);
  return {
    rates: rows.map((raw) => {
      const row = Row.parse(raw);
      return { ...row, rate: row.sent === 0 ? 0 : Math.min(1, row.responded / row.sent) };
    }),
  };
}
