import type { ContactPolicies, PolicyIssue } from '@rumbo/flow/policy';
import { WorkspacePoliciesConflict } from '@rumbo/flow/policy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { OtherRules, PoliciesForm, type SaveState } from './policies-form.tsx';
import { checkPoliciesForm, toForm } from './policies-form-state.ts';
import { usePolicies, useSavePolicies } from './settings.api.ts';
import './settings.css';

/** What a failed save means for the form: a stale revision, located issues, or a message. */
function saveFailure(error: unknown, sent: ContactPolicies | null): Omit<SaveState, 'pending'> {
  const none = { error: null, issues: [], conflictRevision: null };
  if (!(error instanceof ApiError)) return { ...none, error: String(error) };
  if (error.status === 409) {
    const conflict = WorkspacePoliciesConflict.safeParse(error.problem);
    return { ...none, conflictRevision: conflict.data?.currentRevision ?? 0 };
  }
  if (error.status === 400 && sent !== null) {
    // The server checks with the same function: re-run it here for the translated, located form.
    const issues: PolicyIssue[] = checkPoliciesForm(toForm(sent)).issues;
    if (issues.length > 0) return { ...none, issues };
  }
  return { ...none, error: error.message };
}

/** «Ajustes» → «Políticas de contacto» (DESIGN §5): what the runner applies on every send. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const policies = usePolicies();
  const save = useSavePolicies();
  const [sent, setSent] = useState<ContactPolicies | null>(null);
  const failure = save.isError ? saveFailure(save.error, sent) : null;
  const state: SaveState = {
    pending: save.isPending,
    error: failure?.error ?? null,
    issues: failure?.issues ?? [],
    conflictRevision: failure?.conflictRevision ?? null,
  };

  return (
    <div className="page settings-page">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <section className="policies-panel" aria-labelledby="policies-title">
        <h2 id="policies-title">{t('policies.title')}</h2>
        <p className="policy-section__help">{t('policies.intro')}</p>
        {policies.isPending ? <p role="status">{t('policies.loading')}</p> : null}
        {policies.isError ? (
          <div className="policy-alert" role="alert">
            <p>
              {t('policies.loadError')} {policies.error.message}
            </p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void policies.refetch()}
            >
              {t('policies.retry')}
            </button>
          </div>
        ) : null}
        {policies.data ? (
          <PoliciesForm
            // A new revision (saved here or reloaded) starts the form again from what is stored.
            key={policies.data.revision}
            loaded={policies.data}
            save={state}
            onSave={(next, revision) => {
              setSent(next);
              save.mutate({ policies: next, revision });
            }}
            onReload={() => {
              save.reset();
              void policies.refetch();
            }}
          />
        ) : null}
        <OtherRules />
      </section>
    </div>
  );
}
