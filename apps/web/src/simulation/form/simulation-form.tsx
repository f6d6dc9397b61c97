import './simulation-form.css';
import type { Assumptions, CsvLeadsResult, FlowDocument, HistoryOrigin } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { AssumptionsTable } from './assumptions-table.tsx';
import { CsvUpload } from './csv-upload.tsx';
import { FieldErrorText } from './field-error.tsx';
import type { AssumptionRow, FieldError, FormValues } from './form-values.ts';
import { SegmentPicker } from './segment-picker.tsx';

interface Props {
  document: FlowDocument;
  defaults: Assumptions;
  values: FormValues;
  errors: Record<string, FieldError>;
  running: boolean;
  onChange: (values: FormValues) => void;
  onCsv: (result: CsvLeadsResult | null) => void;
  onSubmit: () => void;
  /** Runs the same job on the server instead of this tab's Web Worker (large samples). */
  onSubmitServer?: () => void;
  /** Transitions calibrated from past campaigns, for the assumptions table's source column. */
  history?: Record<string, HistoryOrigin>;
}

/** Where the sample leads come from, with each choice's label. */
const SOURCES = [
  ['fake', 'form.sourceFake'],
  ['csv', 'form.sourceCsv'],
  ['segment', 'form.sourceSegment'],
] as const satisfies readonly (readonly [FormValues['source'], string])[];

function TextField(props: {
  id: keyof FormValues & string;
  label: string;
  value: string;
  error: FieldError | undefined;
  type?: string;
  help?: string;
  onChange: (value: string) => void;
}) {
  const describedBy = [
    props.help ? `sim-${props.id}-help` : '',
    props.error ? `sim-${props.id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="sim-field">
      <label htmlFor={`sim-${props.id}`}>{props.label}</label>
      <input
        id={`sim-${props.id}`}
        className="sim-input"
        type={props.type ?? 'text'}
        inputMode={props.type ? undefined : 'numeric'}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.help && (
        <span id={`sim-${props.id}-help`} className="sim-field__help">
          {props.help}
        </span>
      )}
      <FieldErrorText id={`sim-${props.id}-error`} error={props.error} />
    </div>
  );
}

/** Sample source, size, seed, horizon, start date and the assumptions table. */
export function SimulationForm(props: Props) {
  const { t } = useTranslation('simulation');
  const { values, errors, onChange } = props;
  const set = (patch: Partial<FormValues>) => onChange({ ...values, ...patch });
  const setRow = (group: 'transitions' | 'globals', key: string, row: AssumptionRow) =>
    onChange({ ...values, [group]: { ...values[group], [key]: row } });
  return (
    <form
      className="sim-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <fieldset>
        <legend>{t('form.legend')}</legend>
        <fieldset className="sim-field sim-field--plain">
          <legend className="sim-field__label">{t('form.source')}</legend>
          {SOURCES.map(([source, label]) => (
            <label key={source} className="radio">
              <input
                type="radio"
                name="source"
                checked={values.source === source}
                onChange={() => set({ source })}
              />{' '}
              {t(label)}
            </label>
          ))}
        </fieldset>
        <div className="sim-form__row">
          {values.source === 'fake' ? (
            <>
              <TextField
                id="count"
                label={t('form.count')}
                value={values.count}
                error={errors.count}
                onChange={(count) => set({ count })}
              />
              <div className="sim-field">
                <label htmlFor="sim-locale">{t('form.locale')}</label>
                <select
                  id="sim-locale"
                  className="sim-input"
                  value={values.locale}
                  onChange={(e) => set({ locale: e.target.value === 'en' ? 'en' : 'es' })}
                >
                  <option value="es">{t('form.localeEs')}</option>
                  <option value="en">{t('form.localeEn')}</option>
                </select>
              </div>
            </>
          ) : values.source === 'segment' ? (
            <>
              <SegmentPicker
                value={values.segmentId}
                error={errors.segmentId}
                onChange={(segmentId) => set({ segmentId })}
              />
              <TextField
                id="count"
                label={t('form.count')}
                value={values.count}
                error={errors.count}
                onChange={(count) => set({ count })}
              />
            </>
          ) : (
            <CsvUpload error={errors.csv} onLoaded={props.onCsv} />
          )}
          <TextField
            id="seed"
            label={t('form.seed')}
            help={t('form.seedHelp')}
            value={values.seed}
            error={errors.seed}
            type="text"
            onChange={(seed) => set({ seed })}
          />
          <TextField
            id="horizonDays"
            label={t('form.horizon')}
            value={values.horizonDays}
            error={errors.horizonDays}
            onChange={(horizonDays) => set({ horizonDays })}
          />
          <TextField
            id="startDate"
            label={t('form.start')}
            value={values.startDate}
            error={errors.startDate}
            type="date"
            onChange={(startDate) => set({ startDate })}
          />
        </div>
      </fieldset>
      <AssumptionsTable
        document={props.document}
        defaults={props.defaults}
        values={values}
        errors={errors}
        onChange={setRow}
        {...(props.history ? { history: props.history } : {})}
      />
      {Object.keys(errors).length > 0 && (
        <p className="sim-field__error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <div className="sim-form__actions">
        <button type="submit" className="button button--primary" disabled={props.running}>
          {t('form.run')}
        </button>
        {props.onSubmitServer && (
          <>
            <button
              type="button"
              className="button button--secondary"
              disabled={props.running}
              onClick={props.onSubmitServer}
              aria-describedby="sim-run-server-help"
            >
              {t('form.runOnServer')}
            </button>
            <span id="sim-run-server-help" className="sim-field__help">
              {t('form.runOnServerHelp')}
            </span>
          </>
        )}
      </div>
    </form>
  );
}
