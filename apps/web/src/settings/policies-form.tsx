import type { ContactPolicies, PolicyIssue, WorkspacePolicies } from '@rumbo/flow/policy';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { CallCapacitySection } from './call-capacity-section.tsx';
import {
  type CapRow,
  checkedQuietHours,
  checkPoliciesForm,
  type PoliciesForm as FormValues,
  fieldErrors,
  fieldId,
  fieldKey,
  fromForm,
  newCapRow,
  newQuietRow,
  type QuietRow,
  toForm,
} from './policies-form-state.ts';
import { PressureCapRow, QuietHoursRow } from './policy-rows.tsx';
import { QuietHoursPreview } from './quiet-hours-preview.tsx';

export interface SaveState {
  pending: boolean;
  /** A translated failure to show beside the button (network, server). */
  error: string | null;
  /** Issues the server found (it checks with the same function, so this is rare). */
  issues: PolicyIssue[];
  /** Set after a 409: the revision stored now. */
  conflictRevision: number | null;
}

interface PoliciesFormProps {
  loaded: WorkspacePolicies;
  save: SaveState;
  onSave: (policies: ContactPolicies, revision: number) => void;
  onReload: () => void;
  /** Told whenever the form starts or stops differing from what is stored. */
  onDirtyChange?: (dirty: boolean) => void;
}

function DefaultsExplained() {
  const { t } = useTranslation('settings');
  const points = t('policies.emptyPoints', { returnObjects: true });
  return (
    <section className="policy-defaults" aria-labelledby="policy-defaults-title">
      <h3 id="policy-defaults-title">{t('policies.emptyTitle')}</h3>
      <ul className="empty-state__points">
        {Array.isArray(points) ? points.map((p) => <li key={String(p)}>{String(p)}</li>) : null}
      </ul>
    </section>
  );
}

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

/** Rules that live elsewhere, said where they are so nobody looks for them here in vain. */
export function OtherRules() {
  const { t } = useTranslation('settings');
  return (
    <>
      <CallCapacitySection />
      <section className="policy-section" aria-labelledby="suppression-title">
        <h3 id="suppression-title">{t('policies.suppression.title')}</h3>
        <p className="policy-section__help">{t('policies.suppression.body')}</p>
      </section>
    </>
  );
}

/**
 * The contact-policies form (DESIGN §5): quiet hours per channel and contact-pressure caps.
 * It checks on submit with the server's own check, shows each error next to its field and
 * moves focus to the first one; the status line says whether what is shown is saved.
 */
export function PoliciesForm({ loaded, save, onSave, onReload, onDirtyChange }: PoliciesFormProps) {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const initial = useMemo(() => toForm(loaded.policies), [loaded.policies]);
  const [form, setForm] = useState<FormValues>(initial);
  const [issues, setIssues] = useState<PolicyIssue[]>([]);
  const shown = issues.length > 0 ? issues : save.issues;
  const errors = fieldErrors(shown, language);
  const checked = checkPoliciesForm(form);
  // The preview shows only windows that pass the check (what a save would store).
  const previewWindows = checkedQuietHours(form);
  const dirty = JSON.stringify(fromForm(form)) !== JSON.stringify(fromForm(initial));
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const update = (next: FormValues) => {
    setForm(next);
    // Errors stay until the next save attempt, except on the field just fixed.
    if (issues.length > 0) setIssues(checkPoliciesForm(next).issues);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIssues(checked.issues);
    const [first] = checked.issues;
    if (first !== undefined || checked.policies === null) {
      const target = first ? document.getElementById(fieldId(fieldKey(first.path))) : null;
      const focusable = target?.matches('fieldset') ? target.querySelector('input') : target;
      focusable?.focus();
      return;
    }
    onSave(checked.policies, save.conflictRevision ?? loaded.revision);
  };

  const setQuiet = (quietHours: QuietRow[]) => update({ ...form, quietHours });
  const setCaps = (pressure: CapRow[]) => update({ ...form, pressure });
  const empty = form.quietHours.length === 0 && form.pressure.length === 0;
  const general = errors.get('form');

  return (
    <form className="policies-form" onSubmit={submit} noValidate aria-labelledby="policies-title">
      {loaded.storedIssues.length > 0 ? (
        <div className="policy-alert" role="alert">
          <p>{t('policies.storedIssues')}</p>
          <ul>
            {loaded.storedIssues.map((issue) => (
              <li key={issue}>
                <code>{issue}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {empty ? <DefaultsExplained /> : null}

      <section className="policy-section" aria-labelledby="quiet-title">
        <h3 id="quiet-title">{t('policies.quiet.title')}</h3>
        <p className="policy-section__help">{t('policies.quiet.help')}</p>
        {form.quietHours.length === 0 ? (
          <p className="policy-section__empty">{t('policies.quiet.empty')}</p>
        ) : null}
        {form.quietHours.map((row, index) => (
          <QuietHoursRow
            key={row.rowId}
            row={row}
            index={index}
            errors={errors}
            onChange={(next) => setQuiet(replaceAt(form.quietHours, index, next))}
            onRemove={() => setQuiet(form.quietHours.filter((_, i) => i !== index))}
          />
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setQuiet([...form.quietHours, newQuietRow()])}
        >
          {t('policies.quiet.add')}
        </button>
        {previewWindows !== null && previewWindows.length > 0 ? (
          <section className="policy-preview-box" aria-labelledby="preview-title">
            <h4 id="preview-title">{t('policies.preview.title')}</h4>
            <QuietHoursPreview windows={previewWindows} />
          </section>
        ) : null}
      </section>

      <section className="policy-section" aria-labelledby="pressure-title">
        <h3 id="pressure-title">{t('policies.pressure.title')}</h3>
        <p className="policy-section__help">{t('policies.pressure.help')}</p>
        {form.pressure.length === 0 ? (
          <p className="policy-section__empty">{t('policies.pressure.empty')}</p>
        ) : null}
        {form.pressure.map((row, index) => (
          <PressureCapRow
            key={row.rowId}
            row={row}
            index={index}
            errors={errors}
            onChange={(next) => setCaps(replaceAt(form.pressure, index, next))}
            onRemove={() => setCaps(form.pressure.filter((_, i) => i !== index))}
          />
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setCaps([...form.pressure, newCapRow()])}
        >
          {t('policies.pressure.add')}
        </button>
      </section>

      <div className="policy-actions">
        {save.conflictRevision !== null ? (
          <div className="policy-alert" role="alert">
            <p>{t('policies.conflict', { revision: save.conflictRevision })}</p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('policies.reload')}
            </button>
          </div>
        ) : null}
        {shown.length > 0 ? (
          <p className="policy-error" role="alert">
            {t('policies.invalid', { count: shown.length })}
            {general === undefined ? null : ` ${general}`}
          </p>
        ) : null}
        {save.error !== null ? (
          <p className="policy-error" role="alert">
            {t('policies.saveError', { message: save.error })}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending
            ? t('policies.saving')
            : save.conflictRevision !== null
              ? t('policies.overwrite')
              : t('policies.save')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!dirty || save.pending}
          onClick={() => {
            setForm(initial);
            setIssues([]);
          }}
        >
          {t('policies.discard')}
        </button>
        <p className="policy-status" role="status" data-testid="policies-status">
          {dirty
            ? t('policies.dirty')
            : loaded.savedAt === null
              ? t('policies.savedNever')
              : t('policies.saved', { when: formatDateTime(loaded.savedAt, language) })}
        </p>
      </div>
    </form>
  );
}
