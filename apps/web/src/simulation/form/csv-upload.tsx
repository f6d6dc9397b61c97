import { type CsvLeadsResult, csvErrorMessage, leadsFromCsvRows } from '@rumbo/flow';
import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger } from '../format/numbers.ts';
import { FieldErrorText } from './field-error.tsx';
import type { FieldError } from './form-values.ts';

/** Reads an uploaded CSV in the browser (nothing is sent) and lists every broken row. */
export function CsvUpload(props: {
  error: FieldError | undefined;
  onLoaded: (result: CsvLeadsResult | null) => void;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const [result, setResult] = useState<CsvLeadsResult | null>(null);

  async function read(file: File | undefined) {
    if (!file) {
      setResult(null);
      props.onLoaded(null);
      return;
    }
    const parsed = Papa.parse<string[]>(await file.text(), { skipEmptyLines: false });
    const next = leadsFromCsvRows(parsed.data, new Date().toISOString());
    setResult(next);
    props.onLoaded(next);
  }

  return (
    <div className="sim-field">
      <label htmlFor="sim-csv">{t('form.csvFile')}</label>
      <input
        id="sim-csv"
        type="file"
        accept=".csv,text/csv"
        aria-describedby="sim-csv-help sim-csv-error"
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => void read(e.target.files?.[0])}
      />
      <span id="sim-csv-help" className="sim-field__help">
        {t('form.csvHelp')}
      </span>
      <FieldErrorText id="sim-csv-error" error={props.error} />
      {result && result.leads.length > 0 && (
        <p className="sim-note" role="status">
          {t('form.csvLoaded', { count: formatInteger(result.leads.length, language) })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <div className="sim-notice sim-notice--warning" role="alert" data-testid="csv-errors">
          <p>{t('form.csvRowsFailed')}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={`${e.code}-${e.row ?? 'file'}-${e.column ?? ''}`}>
                {csvErrorMessage(e, language)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
