import {
  describeFlowDiff,
  diffFlows,
  diffMarks,
  type FlowDocument,
  mergeForDiff,
  type ReviewList,
} from '@rumbo/flow';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowMarks } from '../flow-view/flow-overlay.ts';
import { FlowView } from '../flow-view/flow-view.tsx';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * The draft against the published version: one read-only canvas with what was added (green),
 * changed (amber) and removed (red, struck through, at its published place), and the same
 * changes as a list in words.
 */
export function ReviewDiff({
  draft,
  revision,
  published,
}: {
  draft: FlowDocument;
  revision: number;
  published: ReviewList['published'];
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
  const format = useCallback((v: number) => String(v), []);
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
      <FlowView
        document={merged}
        overlay={null}
        primaryLabel=""
        format={format}
        label={t('diff.canvas')}
        marks={marks}
      />
    </section>
  );
}
