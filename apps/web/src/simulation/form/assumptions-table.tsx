import {
  type Assumptions,
  type FlowDocument,
  type HistoryOrigin,
  type SignalAssumption,
  signalName,
  transitionLabel,
} from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger, formatPercent } from '../format/numbers.ts';
import { FieldErrorText } from './field-error.tsx';
import { type AssumptionRow, type FieldError, type FormValues, isChanged } from './form-values.ts';

interface Props {
  document: FlowDocument;
  defaults: Assumptions;
  values: FormValues;
  errors: Record<string, FieldError>;
  onChange: (group: 'transitions' | 'globals', key: string, row: AssumptionRow) => void;
  /** Per transition id calibrated from past campaigns: the rate and the sends behind it. */
  history?: Record<string, HistoryOrigin>;
}

function sourceOf(
  row: AssumptionRow | undefined,
  base: SignalAssumption,
): 'default' | 'user' | 'history' {
  return row && isChanged(row, base) ? 'user' : base.source;
}

/** One row per signal transition (and per lead event): probability and delay, with where they come from. */
export function AssumptionsTable({
  document,
  defaults,
  values,
  errors,
  onChange,
  history = {},
}: Props) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  // "historial: 23 % de 1.204 envíos" says how much evidence a calibrated number rests on.
  const sourceText = (source: 'default' | 'user' | 'history', origin: HistoryOrigin | undefined) =>
    source === 'history' && origin
      ? t('form.source_historyDetail', {
          rate: formatPercent(origin.rate, language),
          sent: formatInteger(origin.sent, language),
        })
      : t(`form.source_${source}`);
  const rows = [
    ...document.transitions.flatMap((tr) => {
      const base = defaults.transitions[tr.id];
      const source = nodes.get(tr.source);
      if (!base || !source) return [];
      const label = tr.label ?? transitionLabel(tr, source, language);
      return [
        { group: 'transitions' as const, key: tr.id, prefix: 't', label, from: source.name, base },
      ];
    }),
    ...Object.entries(defaults.globals).map(([signal, base]) => ({
      group: 'globals' as const,
      key: signal,
      prefix: 'g',
      label: signalName(signal, language),
      from: t('form.globalsTitle'),
      base,
    })),
  ];
  return (
    <table className="sim-table sim-assumptions">
      <caption>
        {t('form.assumptions')}
        <span className="sim-note">{t('form.assumptionsHelp')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('form.colTransition')}</th>
          <th scope="col">{t('form.colFrom')}</th>
          <th scope="col">{t('form.colProbability')}</th>
          <th scope="col">{t('form.colDelay')}</th>
          <th scope="col">{t('form.colSource')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ group, key, prefix, label, from, base }) => {
          const row = values[group][key] ?? { percent: '', hours: '' };
          const percentError = errors[`${prefix}:${key}:percent`];
          const hoursError = errors[`${prefix}:${key}:hours`];
          const id = `a-${prefix}-${key}`;
          return (
            <tr key={`${prefix}:${key}`} data-assumption={key}>
              <th scope="row">{label}</th>
              <td>{from}</td>
              <td>
                <input
                  className="sim-input sim-input--narrow"
                  inputMode="decimal"
                  aria-label={`${label}: ${t('form.colProbability')}`}
                  aria-invalid={percentError ? true : undefined}
                  aria-describedby={percentError ? `${id}-pe` : undefined}
                  data-field="percent"
                  value={row.percent}
                  onChange={(e) => onChange(group, key, { ...row, percent: e.target.value })}
                />
                <FieldErrorText id={`${id}-pe`} error={percentError} />
              </td>
              <td>
                <input
                  className="sim-input sim-input--narrow"
                  inputMode="decimal"
                  aria-label={`${label}: ${t('form.colDelay')}`}
                  aria-invalid={hoursError ? true : undefined}
                  aria-describedby={hoursError ? `${id}-he` : undefined}
                  data-field="hours"
                  value={row.hours}
                  onChange={(e) => onChange(group, key, { ...row, hours: e.target.value })}
                />
                <FieldErrorText id={`${id}-he`} error={hoursError} />
              </td>
              <td className="sim-source" data-source={sourceOf(values[group][key], base)}>
                {sourceText(sourceOf(values[group][key], base), history[key])}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
