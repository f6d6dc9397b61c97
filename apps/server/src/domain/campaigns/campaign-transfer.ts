import {
  CAMPAIGN_EXPORT_FORMAT,
  CAMPAIGN_EXPORT_VERSION,
  type CampaignExport,
  type CampaignImported,
  CampaignSettings,
  type ProblemIssue,
} from '@rumbo/flow';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { findCampaignRow, getCampaign, readDraft } from './campaign.queries.ts';
import { insertCampaign } from './campaign-create.ts';
import { checkDocument } from './campaign-document.ts';

/** The export file of a campaign: its settings and draft, in a versioned envelope. */
export async function exportCampaign(
  db: Database,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<CampaignExport> {
  const document = readDraft(await findCampaignRow(db, workspaceId, id));
  return {
    format: CAMPAIGN_EXPORT_FORMAT,
    formatVersion: CAMPAIGN_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    settings: document.settings,
    document,
  };
}

function issue(path: (string | number)[], code: string, message: string): ProblemIssue {
  return { location: 'body', path, code, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(detail: string, issues: ProblemIssue[]): HttpProblem {
  return new HttpProblem(400, 'validation_failed', { detail, issues });
}

/** The envelope's own fields; the document is checked by the flow validator afterwards. */
function envelopeIssues(raw: Record<string, unknown>): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  if (raw.format !== CAMPAIGN_EXPORT_FORMAT) {
    issues.push(issue(['format'], 'unknown_format', `expected format "${CAMPAIGN_EXPORT_FORMAT}"`));
  }
  if (raw.formatVersion !== CAMPAIGN_EXPORT_VERSION) {
    issues.push(
      issue(
        ['formatVersion'],
        'unsupported_format_version',
        `this server reads format version ${CAMPAIGN_EXPORT_VERSION}`,
      ),
    );
  }
  if (!('document' in raw)) issues.push(issue(['document'], 'required', 'document is required'));
  return issues;
}

function importedSettings(raw: Record<string, unknown>): CampaignSettings | null {
  if (raw.settings === undefined) return null;
  const parsed = CampaignSettings.safeParse(raw.settings);
  if (parsed.success) return parsed.data;
  throw refuse(
    'the settings of the file are not valid; nothing was imported',
    parsed.error.issues.map((zodIssue) =>
      issue(
        ['settings', ...zodIssue.path.filter((part) => typeof part !== 'symbol')],
        zodIssue.code,
        zodIssue.message,
      ),
    ),
  );
}

/**
 * Creates a campaign from an export file. The file is checked like a saved draft: it must be
 * a flow (400 with issues located in the file otherwise), and may carry validation errors the
 * designer will show. A code in use is a 409 with a free code to retry with (`code`).
 */
export async function importCampaign(
  db: Database,
  workspaceId: string,
  raw: unknown,
  options: { code?: string | undefined; actor: string },
): Promise<CampaignImported> {
  if (!isObject(raw)) {
    throw refuse('the file is not a Rumbo campaign export', [
      issue(
        [],
        'not_an_object',
        'expected a JSON object {format, formatVersion, settings, document}',
      ),
    ]);
  }
  const envelope = envelopeIssues(raw);
  if (envelope.length > 0) throw refuse('the file is not a Rumbo campaign export', envelope);
  const settings = importedSettings(raw);
  const checked = await checkDocument(db, workspaceId, raw.document, ['document']);
  const merged = { ...checked.document.settings, ...settings };
  if (options.code !== undefined) merged.code = options.code;
  const id = await insertCampaign(db, {
    workspaceId,
    actor: options.actor,
    document: { ...checked.document, settings: merged },
    action: 'campaign.imported',
    data: { from: 'file' },
  });
  return { campaign: await getCampaign(db, workspaceId, id), issues: checked.issues };
}
