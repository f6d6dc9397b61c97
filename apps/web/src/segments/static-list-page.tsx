import './segments.css';
import type { StaticListReport } from '@rumbo/flow';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { checkStaticList, saveStaticList, segmentKeys } from './segments.api.ts';

/**
 * `/segments/new-list`: a static list from pasted keys or an uploaded `clientes.txt` / CSV.
 * The marketer sees what matched (and which keys are unknown) before anything is saved.
 */
export function StaticListPage() {
  const { t } = useTranslation('segments');
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<StaticListReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : t('errors.save'));
    } finally {
      setBusy(false);
    }
  };
  const check = () => run(async () => setReport(await checkStaticList(api, text)));
  const save = () =>
    run(async () => {
      const saved = await saveStaticList(
        api,
        { name: name.trim(), description: '' },
        text,
        fileName,
      );
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      navigate(`/segments/${saved.segment.id}`);
    });
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setFileName(file.name);
    setReport(null);
  };

  return (
    <div className="page">
      <PageHeader
        title={t('static.title')}
        subtitle={t('static.subtitle')}
        actions={
          <Link className="button button--secondary" to="/segments">
            {t('editor.back')}
          </Link>
        }
      />
      <div className="static-form">
        <label className="field">
          <span className="field__label">{t('static.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('static.namePlaceholder')}
          />
        </label>
        <label className="field static-form__keys">
          <span className="field__label">{t('static.keys')}</span>
          <textarea
            rows={10}
            value={text}
            placeholder={t('static.keysPlaceholder')}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(undefined);
              setReport(null);
            }}
          />
        </label>
        <div className="static-form__file">
          <span>{t('static.upload')}</span>
          {/* The native picker speaks the browser's language; this button speaks ours. */}
          <label className="button button--secondary">
            {t('static.chooseFile')}
            <input
              className="visually-hidden"
              type="file"
              accept=".txt,.csv,text/plain,text/csv"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </label>
          {fileName ? (
            <span className="cell-note">{t('static.fileRead', { name: fileName })}</span>
          ) : null}
        </div>
        <div className="segment-editor__actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || text.trim() === ''}
            onClick={() => void check()}
          >
            {t('static.check')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || report === null || report.matched === 0 || name.trim() === ''}
            onClick={() => void save()}
          >
            {t('static.save')}
          </button>
          {report === null && text.trim() !== '' ? (
            <span className="segment-editor__state">{t('static.checkFirst')}</span>
          ) : null}
          {report !== null && name.trim() === '' ? (
            <span className="segment-editor__state">{t('editor.nameRequired')}</span>
          ) : null}
        </div>
        {error ? (
          <p className="rule-error" role="alert">
            {error}
          </p>
        ) : null}
        {report ? <MatchReport report={report} /> : null}
      </div>
    </div>
  );
}

function MatchReport({ report }: { report: StaticListReport }) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  const n = (value: number) => formatCount(value, language);
  return (
    <section
      className="match-report"
      aria-labelledby="match-report-title"
      data-testid="match-report"
    >
      <h2 id="match-report-title" className="segment-editor__heading">
        {t('static.report.title')}
      </h2>
      <ul>
        <li className="match-report__ok">
          {t('static.report.matched', { matched: n(report.matched), keys: n(report.keys) })}
        </li>
        {report.unknown > 0 ? (
          <li className="match-report__warn">
            {t('static.report.unknown', { count: report.unknown, n: n(report.unknown) })}
          </li>
        ) : null}
        {report.duplicates > 0 ? (
          <li>
            {t('static.report.duplicates', { count: report.duplicates, n: n(report.duplicates) })}
          </li>
        ) : null}
        {report.format === 'csv' ? (
          <li>
            {t('static.report.csv', { column: report.column ?? t('static.report.firstColumn') })}
          </li>
        ) : null}
      </ul>
      {report.unknownKeys.length > 0 ? (
        <details open={report.unknown <= 10}>
          <summary>
            {report.unknown > report.unknownKeys.length
              ? t('static.report.firstUnknown', { shown: report.unknownKeys.length })
              : t('static.report.unknownList')}
          </summary>
          <p className="match-report__keys">
            {report.unknownKeys.map((key) => (
              <code key={key}>{key}</code>
            ))}
          </p>
        </details>
      ) : null}
    </section>
  );
}
