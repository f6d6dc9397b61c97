import {
  describeFlowDiff,
  diffFlows,
  diffMarks,
  type FlowDocument,
  mergeForDiff,
  type ReviewList,
  type ReviewSimulationSummary,
} from '@rumbo/flow';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowMarks, FlowOverlay } from '../flow-view/flow-overlay.ts';
import { FlowView } from '../flow-view/flow-view.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { formatInteger } from '../simulation/format/numbers.ts';

/**
 * The draft against the published version: one read-only canvas with what was added (green),
 * changed (amber) and removed (red, struck through, at its published place), and the same
 * changes as a list in words.
 */
export function ReviewDiff({
  draft,
  revision,
  published,
  simulation,
}: {
  draft: FlowDocument;
  revision: number;
  published: ReviewList['published'];
  /** The last simulation of this very revision: its per-node counts go on the canvas. */
  simulation: ReviewSimulationSummary | null;
}) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const before = published?.document ?? null;
  const diff = useMemo(() => diffFlows(before, draft), [before, draft]);
  const lines = useMemo(
    () => describeFlowDiff(diff, { before, after: draft }, language),
    [diff, before, draft, language],
  );
  const merged = useMemo(() => mergeForDiff(before, draft), [before, draft]);
  const marks = useMemo<FlowMarks | null>(
    () =>
      before
        ? {
            ...diffMarks(diff),
            labels: {
              added: t('diff.mark.added'),
              removed: t('diff.mark.removed'),
              changed: t('diff.mark.changed'),
            },
          }
        : null,
    [before, diff, t],
  );
  const format = useCallback((v: number) => formatInteger(v, language), [language]);
  const overlay = useMemo<FlowOverlay | null>(() => {
    if (!simulation || simulation.draftRevision !== revision) return null;
    const nodes: FlowOverlay['nodes'] = {};
    for (const n of simulation.nodes) {
      nodes[n.nodeId] = {
        primary: n.entered,
        secondary: { value: n.waiting, label: t('diff.waiting') },
      };
    }
    const transitions: FlowOverlay['transitions'] = {};
    for (const tr of simulation.transitions) transitions[tr.transitionId] = tr.count;
    return { nodes, transitions };
  }, [simulation, revision, t]);
  return (
    <section className="review-section" aria-labelledby="review-diff-title">
      <h2 id="review-diff-title">{t('diff.title')}</h2>
      {published ? (
        <p className="sim-note">{t('diff.against', { revision, version: published.version })}</p>
      ) : (
        <p className="sim-note" data-testid="never-published">
          {t('diff.neverPublished')}
        </p>
      )}
      {published && diff.empty && <p data-testid="diff-empty">{t('diff.none')}</p>}
      {published && !diff.empty && (
        <>
          <p className="sim-note">{t('diff.legend')}</p>
          <ul className="review-diff-list" aria-label={t('diff.list')} data-testid="diff-list">
            {lines.map((line) => (
              <li key={`${line.subject}-${line.id ?? 'settings'}`} data-mark={line.mark}>
                {line.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {overlay && <p className="sim-note">{t('diff.countsHelp')}</p>}
      <FlowView
        document={merged}
        overlay={overlay}
        primaryLabel={t('diff.entered')}
        format={format}
        label={t('diff.canvas')}
        marks={marks}
      />
    </section>
  );
}
