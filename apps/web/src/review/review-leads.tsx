import {
  type FlowDocument,
  type LiveLeads,
  mapTargets,
  publishImpact,
  type ReviewApprove,
} from '@rumbo/flow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

/** The reviewer's choice for the leads already in the campaign, as the approval sends it. */
export interface LeadsChoice {
  /** Move the leads of the nodes the new version keeps onto it (the runner's `migrate`). */
  migrate: boolean;
  /** Deleted node → node of the new version; absent = its leads finish on their version. */
  nodeMap: Record<string, string>;
  /** Deleted nodes whose leads leave the campaign. */
  exit: string[];
}

export const NO_CHOICE: LeadsChoice = { migrate: true, nodeMap: {}, exit: [] };

/** The approval body's part for `choice`: nothing when it is the server's default. */
export function approvalLeads(
  choice: LeadsChoice,
): Pick<ReviewApprove, 'leads' | 'nodeMap' | 'exit'> {
  if (!choice.migrate) return { leads: 'stay' };
  return {
    ...(Object.keys(choice.nodeMap).length > 0 ? { nodeMap: choice.nodeMap } : {}),
    ...(choice.exit.length > 0 ? { exit: choice.exit } : {}),
  };
}

/** The select's values besides node ids (which never hold `#`). */
const DRAIN = '';
const EXIT = '#exit';

/**
 * What publishing does to the leads already in the campaign (DESIGN §5), node by node: at a
 * node the new version keeps they continue there; at one it deletes the reviewer sends them to
 * a node of the new version or lets them finish on their version.
 */
export function ReviewLeads({
  liveLeads,
  draft,
  published,
  choice,
  onChange,
}: {
  liveLeads: readonly LiveLeads[];
  draft: FlowDocument;
  published: { version: number; document: FlowDocument } | null;
  choice: LeadsChoice;
  onChange: (choice: LeadsChoice) => void;
}) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const rows = useMemo(
    () => publishImpact(liveLeads, draft, published?.document ?? null),
    [liveLeads, draft, published],
  );
  const targets = useMemo(() => mapTargets(draft), [draft]);
  if (rows.length === 0) return null;
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const next = (published?.version ?? 0) + 1;
  const count = (n: number) => n.toLocaleString(language);
  const setTarget = (nodeId: string, target: string) => {
    const { [nodeId]: _old, ...rest } = choice.nodeMap;
    const exit = choice.exit.filter((id) => id !== nodeId);
    onChange({
      ...choice,
      nodeMap: target === DRAIN || target === EXIT ? rest : { ...rest, [nodeId]: target },
      exit: target === EXIT ? [...exit, nodeId] : exit,
    });
  };
  return (
    <fieldset className="review-leads" data-testid="review-leads">
      <legend>{t('leads.title')}</legend>
      <p className="sim-note">{t('leads.intro', { count: total, total: count(total) })}</p>
      <label className="review-leads__migrate">
        <input
          type="checkbox"
          checked={choice.migrate}
          onChange={(e) => onChange({ ...choice, migrate: e.target.checked })}
        />{' '}
        {t('leads.migrate', { version: next })}
      </label>
      <ul className="review-leads__rows">
        {rows.map((row) => {
          const versions = row.versions.map((v) => `v${v}`).join(', ');
          const about = { count: row.count, total: count(row.count), name: row.name, versions };
          if (!choice.migrate || row.kept) {
            const key = !choice.migrate
              ? 'leads.finish'
              : row.waitsKept
                ? 'leads.continue'
                : 'leads.continuePartly';
            return <li key={row.nodeId}>{t(key, { ...about, version: next })}</li>;
          }
          const id = `review-leads-${row.nodeId}`;
          return (
            <li key={row.nodeId} data-deleted="true">
              <span id={`${id}-label`}>{t('leads.deleted', { ...about, version: next })}</span>
              <select
                id={id}
                className="sim-input"
                aria-labelledby={`${id}-label`}
                value={
                  choice.exit.includes(row.nodeId) ? EXIT : (choice.nodeMap[row.nodeId] ?? DRAIN)
                }
                onChange={(e) => setTarget(row.nodeId, e.target.value)}
              >
                <option value={DRAIN}>{t('leads.drain', { versions })}</option>
                {targets.map((node) => (
                  <option key={node.id} value={node.id}>
                    {t('leads.moveTo', { name: node.name || node.id })}
                  </option>
                ))}
                <option value={EXIT}>{t('leads.exit')}</option>
              </select>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
