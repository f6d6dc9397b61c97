import type { ContactPolicies, PolicyIssue } from '@rumbo/flow/policy';
import { WorkspacePoliciesConflict } from '@rumbo/flow/policy';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Blocker, useBlocker } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useCan, useSession } from '../session/session.api.ts';
import { AccountPanel } from './account-panel.tsx';
import { ApiKeysPanel } from './api-keys-panel.tsx';
import { OtherRules, PoliciesForm, type SaveState } from './policies-form.tsx';
import { checkPoliciesForm, toForm } from './policies-form-state.ts';
import { usePolicies, useSavePolicies } from './settings.api.ts';
import { UsersPanel } from './users-panel.tsx';
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

/**
 * Unsaved edits are not lost by a click elsewhere: leaving the page asks first (in the app),
 * and the browser asks on reload or close.
 */
function useLeaveGuard(dirty: boolean) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return blocker;
}

function LeaveDialog({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation('settings');
  if (blocker.state !== 'blocked') return null;
  return (
    <div className="policy-alert" role="alertdialog" aria-labelledby="leave-title">
      <p id="leave-title">{t('policies.leave.question')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          // biome-ignore lint/a11y/noAutofocus: the question needs an answer before anything else
          autoFocus
          onClick={() => blocker.reset()}
        >
          {t('policies.leave.stay')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => blocker.proceed()}
        >
          {t('policies.leave.go')}
        </button>
      </div>
    </div>
  );
}

/** «Ajustes» → «Políticas de contacto» (DESIGN §5): what the runner applies on every send. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const [dirty, setDirty] = useState(false);
  const blocker = useLeaveGuard(dirty);
  const policies = usePolicies();
  const save = useSavePolicies();
  const session = useSession();
  // Administrators manage users and keys; so does whoever uses the open API (nobody could sign
  // in yet): `useCan` is true without a signed-in user.
  const user = session.data?.user ?? null;
  const canManageUsers = useCan('admin');
  const canEdit = useCan('edit');
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
      <LeaveDialog blocker={blocker} />
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
        {canEdit ? null : (
          <p className="notice" role="status">
            {t('policies.readOnly')}
          </p>
        )}
        {/* A role that may not edit sees every rule, with each control disabled at once. */}
        <fieldset className="plain-fieldset" disabled={!canEdit}>
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
              onDirtyChange={setDirty}
              onReload={() => {
                save.reset();
                void policies.refetch();
              }}
            />
          ) : null}
          <OtherRules />
        </fieldset>
      </section>
      {canManageUsers ? (
        <>
          <UsersPanel />
          <ApiKeysPanel />
        </>
      ) : null}
      {user !== null ? <AccountPanel email={user.email} role={user.role} /> : null}
    </div>
  );
}
