import type { FlowDocument, NodeStats, SimulationResult } from '@rumbo/flow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger, formatMoney, formatPercent } from '../format/numbers.ts';
import { compareNodes, nodeRoi } from './compare-run.ts';

function signed(value: number, format: (v: number) => string): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${format(Math.abs(value))}`;
}

type Totals = SimulationResult['totals'];
type Format = 'money' | 'percent' | 'count';

/** The campaign totals compared, in table order, each with how its numbers are written. */
const TOTAL_FIGURES: {
  id: 'cost' | 'revenue' | 'roi' | 'conversions' | 'budgetSkips';
  format: Format;
}[] = [
  { id: 'cost', format: 'money' },
  { id: 'revenue', format: 'money' },
  { id: 'roi', format: 'percent' },
  { id: 'conversions', format: 'count' },
  { id: 'budgetSkips', format: 'count' },
];

/** One figure before and after, and the change; '—' where a side has no value (a ROI of nothing). */
function compared(before: number | null, after: number | null, format: (v: number) => string) {
  return {
    before: before === null ? '—' : format(before),
    after: after === null ? '—' : format(after),
    delta: before === null || after === null ? '—' : signed(after - before, format),
  };
}

/** A node's published and draft figure side by side; '—' where the node is in one version only. */
function SideCells(props: {
  published: NodeStats | undefined;
  draft: NodeStats | undefined;
  show: (stats: NodeStats | undefined) => string;
}) {
  return (
    <>
      <td className="num">{props.show(props.published)}</td>
      <td className="num">{props.show(props.draft)}</td>
    </>
  );
}

function NumberHeaders(props: { labels: string[] }) {
  return props.labels.map((label) => (
    <th key={label} scope="col" className="num">
      {label}
    </th>
  ));
}

/**
 * The draft and the published version run on the same sample and seed, side by side: the
 * campaign totals, then per node how many entered, what it cost and its return.
 */
export function CompareResults(props: {
  draft: { document: FlowDocument; result: SimulationResult };
  published: { document: FlowDocument; result: SimulationResult; version: number };
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const currency = props.draft.document.settings.currency;
  const money = (v: number) => formatMoney(v, currency, language);
  const int = (v: number) => formatInteger(v, language);
  const formats: Record<Format, (v: number) => string> = {
    money,
    percent: (v) => formatPercent(v, language),
    count: int,
  };
  const pct = (v: number | null) => (v === null ? '—' : formats.percent(v));
  const orDash = (show: (stats: NodeStats) => string) => (stats: NodeStats | undefined) =>
    stats ? show(stats) : '—';
  const rows = useMemo(
    () =>
      compareNodes(
        { draft: props.draft.document, published: props.published.document },
        { draft: props.draft.result, published: props.published.result },
      ),
    [props.draft, props.published],
  );
  const a: Totals = props.published.result.totals;
  const b: Totals = props.draft.result.totals;
  const v = props.published.version;
  const totals = TOTAL_FIGURES.map(({ id, format }) => ({
    id,
    label: t(`compare.${id}`),
    ...compared(a[id], b[id], formats[format]),
  }));
  return (
    <section className="sim-results" aria-labelledby="sim-compare-title" data-testid="compare">
      <h2 id="sim-compare-title">{t('compare.title', { version: v })}</h2>
      <p className="sim-note">{t('compare.help')}</p>
      <table className="sim-table" data-testid="compare-totals">
        <caption>{t('compare.totals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.figure')}</th>
            <NumberHeaders
              labels={[
                t('compare.published', { version: v }),
                t('compare.draft'),
                t('compare.delta'),
              ]}
            />
          </tr>
        </thead>
        <tbody>
          {totals.map((row) => (
            <tr key={row.id} data-figure={row.id}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.before}</td>
              <td className="num">{row.after}</td>
              <td className="num">{row.delta}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="sim-table" data-testid="compare-nodes">
        <caption>{t('compare.perNode')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.node')}</th>
            <NumberHeaders
              labels={[
                t('compare.enteredPublished', { version: v }),
                t('compare.enteredDraft'),
                t('compare.delta'),
                t('compare.costPublished', { version: v }),
                t('compare.costDraft'),
                t('compare.roiPublished', { version: v }),
                t('compare.roiDraft'),
              ]}
            />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.nodeId}
              data-node-id={row.nodeId}
              className={row.enteredDelta !== 0 || row.costDelta !== 0 ? 'is-different' : undefined}
            >
              <th scope="row">
                {row.name}
                {!row.draft && <span className="sim-note"> ({t('compare.onlyPublished')})</span>}
                {!row.published && <span className="sim-note"> ({t('compare.onlyDraft')})</span>}
              </th>
              <SideCells
                published={row.published}
                draft={row.draft}
                show={orDash((n) => int(n.entered))}
              />
              <td className="num" data-testid="entered-delta">
                {signed(row.enteredDelta, int)}
              </td>
              <SideCells
                published={row.published}
                draft={row.draft}
                show={orDash((n) => money(n.cost))}
              />
              <SideCells
                published={row.published}
                draft={row.draft}
                show={(n) => pct(nodeRoi(n))}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
