import type { FlowDocument, SimulationResult } from '@rumbo/flow';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowView } from '../../flow-view/flow-view.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger } from '../format/numbers.ts';
import { overlayFromResult } from './result-overlay.ts';
import { MessagesTable, PathsTable, WaitingTable } from './result-tables.tsx';
import { ResultTotals } from './result-totals.tsx';
import { TimelineChart } from './timeline-chart.tsx';

/** Everything a reviewer reads after a run: counts on the canvas, money, time, paths. */
export function SimulationResults({
  result,
  document,
}: {
  result: SimulationResult;
  document: FlowDocument;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const format = useCallback((v: number) => formatInteger(v, language), [language]);
  const overlay = useMemo(
    () =>
      overlayFromResult(result, {
        waiting: t('results.waitingShort'),
        details: (n) => [
          t('results.nodeEntered', { count: n.entered }),
          t('results.nodeActed', { count: n.acted }),
          t('results.nodeWaiting', { count: n.waiting }),
        ],
      }),
    [result, t],
  );
  return (
    <section className="sim-results" aria-labelledby="sim-results-title">
      <h2 id="sim-results-title">{t('results.title')}</h2>
      <ResultTotals result={result} currency={document.settings.currency} />
      <h3>{t('results.canvas')}</h3>
      <p className="sim-note">{t('results.canvasHelp')}</p>
      <FlowView
        document={document}
        overlay={overlay}
        primaryLabel={t('results.enteredShort')}
        format={format}
        label={t('results.canvas')}
      />
      <h3>{t('results.timeline')}</h3>
      <TimelineChart result={result} />
      <div className="sim-tables">
        <PathsTable result={result} document={document} />
        <MessagesTable result={result} />
        <WaitingTable result={result} document={document} />
      </div>
    </section>
  );
}
