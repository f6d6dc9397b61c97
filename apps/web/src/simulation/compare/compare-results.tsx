import type { FlowDocument, SimulationResult } from '@rumbo/flow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger, formatMoney, formatPercent } from '../format/numbers.ts';
import { compareNodes, nodeRoi } from './compare-run.ts';

function signed(value: number, format: (v: number) => string): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${format(Math.abs(value))}`;
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
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, language));
  const rows = useMemo(
    () =>
      compareNodes(
        { draft: props.draft.document, published: props.published.document },
        { draft: props.draft.result, published: props.published.result },
      ),
    [props.draft, props.published],
  );
  const a = props.published.result.totals;
  const b = props.draft.result.totals;
  const v = props.published.version;
  const totals: { id: string; label: string; before: string; after: string; delta: string }[] = [
    {
      id: 'cost',
      label: t('compare.cost'),
      before: money(a.cost),
      after: money(b.cost),
      delta: signed(b.cost - a.cost, money),
    },
    {
      id: 'revenue',
      label: t('compare.revenue'),
      before: money(a.revenue),
      after: money(b.revenue),
      delta: signed(b.revenue - a.revenue, money),
    },
    {
      id: 'roi',
      label: t('compare.roi'),
      before: pct(a.roi),
      after: pct(b.roi),
      delta:
        a.roi === null || b.roi === null
          ? '—'
          : signed(b.roi - a.roi, (x) => formatPercent(x, language)),
    },
    {
      id: 'conversions',
      label: t('compare.conversions'),
      before: int(a.conversions),
      after: int(b.conversions),
      delta: signed(b.conversions - a.conversions, int),
    },
    {
      id: 'budgetSkips',
      label: t('compare.budgetSkips'),
      before: int(a.budgetSkips),
      after: int(b.budgetSkips),
      delta: signed(b.budgetSkips - a.budgetSkips, int),
    },
  ];
  return (
    <section className="sim-results" aria-labelledby="sim-compare-title" data-testid="compare">
      <h2 id="sim-compare-title">{t('compare.title', { version: v })}</h2>
      <p className="sim-note">{t('compare.help')}</p>
      <table className="sim-table" data-testid="compare-totals">
        <caption>{t('compare.totals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.figure')}</th>
            <th scope="col" className="num">
              {t('compare.published', { version: v })}
            </th>
            <th scope="col" className="num">
              {t('compare.draft')}
            </th>
            <th scope="col" className="num">
              {t('compare.delta')}
            </th>
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
            <th scope="col" className="num">
              {t('compare.enteredPublished', { version: v })}
            </th>
            <th scope="col" className="num">
              {t('compare.enteredDraft')}
            </th>
            <th scope="col" className="num">
              {t('compare.delta')}
            </th>
            <th scope="col" className="num">
              {t('compare.costPublished', { version: v })}
            </th>
            <th scope="col" className="num">
              {t('compare.costDraft')}
            </th>
            <th scope="col" className="num">
              {t('compare.roiPublished', { version: v })}
            </th>
            <th scope="col" className="num">
              {t('compare.roiDraft')}
            </th>
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
              <td className="num">{row.published ? int(row.published.entered) : '—'}</td>
              <td className="num">{row.draft ? int(row.draft.entered) : '—'}</td>
              <td className="num" data-testid="entered-delta">
                {signed(row.enteredDelta, int)}
              </td>
              <td className="num">{row.published ? money(row.published.cost) : '—'}</td>
              <td className="num">{row.draft ? money(row.draft.cost) : '—'}</td>
              <td className="num">{pct(nodeRoi(row.published))}</td>
              <td className="num">{pct(nodeRoi(row.draft))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
