import { randomUUID } from 'node:crypto';
import { schema } from '@rumbo/db';
import {
  assertNever,
  buildFlow,
  type CampaignCreate,
  type CampaignDetail,
  type FlowDocument,
  findTemplate,
  type Locale,
} from '@rumbo/flow';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { findCampaignRow, getCampaign, readDraft } from './campaign.queries.ts';
import { auditCampaign } from './campaign-audit.ts';
import { freeCode, withCodeCheck } from './campaign-code.ts';

const BLANK_NAMES = {
  entry: { es: 'Entrada', en: 'Entry' },
  exit: { es: 'Fin', en: 'End' },
} as const;

const COPY_OF = { es: 'Copia de', en: 'Copy of' } as const;

/**
 * What a marketer expects from "blank": a flow that is already valid (leads added by hand go
 * straight to the end), ready to grow by inserting steps on the one transition.
 */
export function blankDocument(
  settings: { code: string; name: string; description?: string | undefined },
  locale: Locale,
): FlowDocument {
  return buildFlow({
    settings: { ...settings },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: BLANK_NAMES.entry[locale],
        config: { sources: [{ kind: 'manual' }] },
      },
      { id: 'exit', type: 'exit', name: BLANK_NAMES.exit[locale] },
    ],
    transitions: [{ source: 'entry', target: 'exit', trigger: { kind: 'auto' } }],
  });
}

/** A fresh seed per campaign, so a copy's A/B split does not put each lead where the original did. */
function freshSeed(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16);
}

async function startingDocument(
  db: Database,
  workspaceId: string,
  input: CampaignCreate,
): Promise<FlowDocument> {
  switch (input.from) {
    case 'blank': {
      return blankDocument(input, input.locale);
    }
    case 'template': {
      const template = findTemplate(input.templateId);
      if (template === undefined) {
        throw new HttpProblem(400, 'validation_failed', {
          detail: `there is no template ${input.templateId}`,
          issues: [
            {
              location: 'body',
              path: ['templateId'],
              code: 'unknown_template',
              message: `unknown template ${input.templateId}`,
            },
          ],
        });
      }
      const document = template.build(input.locale);
      const code = input.code ?? (await freeCode(db, workspaceId, document.settings.code));
      const name = input.name ?? document.settings.name;
      return { ...document, settings: { ...document.settings, code, name, seed: freshSeed() } };
    }
    case 'clone': {
      const source = readDraft(await findCampaignRow(db, workspaceId, input.campaignId));
      const code = input.code ?? (await freeCode(db, workspaceId, source.settings.code));
      const name = input.name ?? `${COPY_OF[input.locale]} ${source.settings.name}`.slice(0, 200);
      return {
        ...structuredClone(source),
        settings: { ...structuredClone(source.settings), code, name, seed: freshSeed() },
      };
    }
    default:
      return assertNever(input, 'campaign create source');
  }
}

function auditData(input: CampaignCreate): Record<string, string> {
  if (input.from === 'template') return { from: input.from, templateId: input.templateId };
  if (input.from === 'clone') return { from: input.from, sourceId: input.campaignId };
  return { from: input.from };
}

/**
 * Inserts a campaign and its audit row in one transaction. `document.settings` is the one
 * source of code, name and description; the row's columns mirror them for lists and the
 * unique index.
 */
export async function insertCampaign(
  db: Database,
  entry: {
    workspaceId: string;
    actor: string;
    document: FlowDocument;
    action: 'campaign.created' | 'campaign.imported';
    data: { [key: string]: string };
  },
): Promise<string> {
  const { workspaceId, document } = entry;
  return withCodeCheck(db, workspaceId, document.settings.code, () =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(schema.campaigns)
        .values({
          workspaceId,
          code: document.settings.code,
          name: document.settings.name,
          description: document.settings.description,
          draft: document,
        })
        .returning({ id: schema.campaigns.id });
      if (row === undefined) throw new Error('insert returned no row');
      await auditCampaign(tx, {
        workspaceId,
        campaignId: row.id,
        actor: entry.actor,
        action: entry.action,
        data: { ...entry.data, code: document.settings.code },
      });
      return row.id;
    }),
  );
}

/** Creates a campaign blank, from a template or as a copy; 409 with a free code if its code is used. */
export async function createCampaign(
  db: Database,
  workspaceId: string,
  input: CampaignCreate,
  actor: string,
): Promise<CampaignDetail> {
  const document = await startingDocument(db, workspaceId, input);
  const id = await insertCampaign(db, {
    workspaceId,
    actor,
    document,
    action: 'campaign.created',
    data: auditData(input),
  });
  return getCampaign(db, workspaceId, id);
}
