import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { BrandMark } from '../app/brand-mark.tsx';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useDocumentTitle } from '../app/use-document-title.ts';
import { useSignIn, useSignOut } from './session.api.ts';

/**
 * Sign-in with email and password, shown instead of the app while the server asks for it
 * (a user or an API key exists) and this browser has no session.
 */
export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('session.title'));
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const error = signIn.error;
  const message =
    error === null
      ? null
      : error instanceof ApiError && error.status === 401
        ? t('session.wrong')
        : error instanceof ApiError && error.status === 429
          ? t('session.locked')
          : error.message;
  return (
    <div className="sign-in">
      <div className="sign-in__language">
        <LanguageSwitch />
      </div>
      <form className="sign-in__card" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <p className="brand">
          <BrandMark />
          <span className="brand__name">{t('app.name')}</span>
        </p>
        <h1 id={`${id}-title`}>{t('session.title')}</h1>
        <p className="sign-in__help">{t('session.help')}</p>
        <label className="field">
          <span className="field__label">{t('session.email')}</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('session.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {message !== null ? (
          <p className="sign-in__error" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('session.signingIn') : t('session.signIn')}
        </button>
      </form>
    </div>
  );
}

/** The signed-in user's email and the way out, in the header. */
export function SessionMenu({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <div className="session-menu">
      <span className="session-menu__user" title={t('session.signedInAs', { email })}>
        {email}
      </span>
      <SignOutButton />
    </div>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
    >
      {t('session.signOut')}
    </button>
  );
}
