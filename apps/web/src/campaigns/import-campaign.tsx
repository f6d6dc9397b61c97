import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, describeApiError } from '../api/api-error.ts';
import { invalidJsonPosition, suggestedCode, useImportCampaign } from '../api/campaigns.queries.ts';

/** Largest file read in the browser; the server's own limit is higher, this just avoids a hang. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Codes of the import's located issues that have their own sentence. */
const KNOWN_ISSUES = new Set([
  'invalid_json',
  'not_an_object',
  'unknown_format',
  'unsupported_format_version',
  'required',
]);

/** "document › nodes › 3 › type" in the words of the file. */
function where(path: readonly (string | number)[]): string {
  return path.map((part) => (typeof part === 'number' ? `#${part + 1}` : part)).join(' › ');
}

function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const position = invalidJsonPosition(error);
  if (!(error instanceof ApiError)) return <p>{t('errors.unexpected')}</p>;
  if (position) return <p>{t('campaigns.import.invalidJson', position)}</p>;
  const issues = error.code === 'validation_failed' ? (error.problem?.issues ?? []) : [];
  if (issues.length === 0) {
    return <p>{describeApiError(error, (key, params) => t(key, params ?? {}))}</p>;
  }
  return (
    <>
      <p>{t('campaigns.import.notCampaign')}</p>
      <ul className="form-error__list">
        {issues.slice(0, 10).map((issue, index) => (
          // Issues have no id; their order is the server's and stable for one answer.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>
            {issue.path.length > 0 ? <code>{where(issue.path)}</code> : null}{' '}
            {KNOWN_ISSUES.has(issue.code)
              ? t(`campaigns.import.issue.${issue.code}`)
              : issue.message}
          </li>
        ))}
      </ul>
      {issues.length > 10 ? (
        <p>{t('campaigns.import.more', { count: issues.length - 10 })}</p>
      ) : null}
    </>
  );
}

/** Upload of an export file (`*.rumbo.json`); a code in use is offered the free one. */
export function ImportCampaign() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const importing = useImportCampaign();
  const [text, setText] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const send = (fileText: string, code?: string) =>
    importing.mutate(code ? { text: fileText, code } : { text: fileText }, {
      onSuccess: (imported) => void navigate(`/campaigns/${imported.campaign.id}`),
    });
  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileError(null);
    importing.reset();
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('campaigns.import.tooLarge'));
      return;
    }
    const content = await file.text();
    setText(content);
    send(content);
  };
  const suggestion = suggestedCode(importing.error);
  return (
    <section className="start-form">
      {/* The browser's own file button speaks the browser's language, not the page's: ours is a label. */}
      <div className="form-field">
        <span className="form-field__label" id="import-file-label">
          {t('campaigns.import.file')}
        </span>
        <div className="file-pick">
          <label className="button button--secondary file-pick__button">
            {t('campaigns.import.choose')}
            <input
              type="file"
              className="visually-hidden"
              accept=".json,application/json"
              aria-labelledby="import-file-label"
              onChange={(event) => void pickFile(event)}
            />
          </label>
          <span className="file-pick__name">{fileName ?? t('campaigns.import.noFile')}</span>
        </div>
        <span className="form-field__help">{t('campaigns.import.help')}</span>
      </div>
      {importing.isPending ? <p role="status">{t('campaigns.import.importing')}</p> : null}
      {fileError || importing.error ? (
        <div className="form-error" role="alert">
          {fileError ? <p>{fileError}</p> : <ImportError error={importing.error} />}
          {suggestion && text !== null ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => send(text, suggestion)}
            >
              {t('campaigns.import.useSuggestion', { code: suggestion })}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
