import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { useChangePassword } from '../session/session.api.ts';

/** «Tu cuenta»: who is signed in, with which role, and a change of their own password. */
export function AccountPanel({ email, role }: { email: string; role: string }) {
  const { t } = useTranslation('settings');
  const change = useChangePassword();
  const empty = { current: '', next: '', again: '' };
  const [form, setForm] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.next !== form.again) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { currentPassword: form.current, newPassword: form.next },
      { onSuccess: () => setForm(empty) },
    );
  };
  const wrong =
    change.error instanceof ApiError &&
    change.error.problem?.issues?.some((i) => i.code === 'wrong_password') === true;
  let message: string | null = null;
  if (mismatch) message = t('account.mismatch');
  else if (wrong) message = t('account.wrong');
  else if (change.error !== null) message = change.error.message;
  const field = (key: keyof typeof form, label: string, autoComplete: string, min?: number) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        type="password"
        required
        minLength={min}
        autoComplete={autoComplete}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <section className="policies-panel" aria-labelledby={`${id}-title`} data-testid="account">
      <h2 id={`${id}-title`}>{t('account.title')}</h2>
      <p className="policy-section__help">
        {t('account.who', { email, role: t(`users.roles.${role}`, { defaultValue: role }) })}
      </p>
      <form className="users-add" onSubmit={submit} aria-label={t('account.change')}>
        <h3>{t('account.change')}</h3>
        {field('current', t('account.current'), 'current-password')}
        {field('next', t('account.next'), 'new-password', 8)}
        {field('again', t('account.again'), 'new-password', 8)}
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('account.submit')}
        </button>
        <p aria-live="polite">
          {message !== null ? (
            <span className="policy-error" role="alert">
              {message}
            </span>
          ) : change.isSuccess ? (
            t('account.changed')
          ) : null}
        </p>
      </form>
    </section>
  );
}
