import type { ApiKey, CreatedApiKey, UserRole } from '@rumbo/flow';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './users.api.ts';
import { RoleSelect } from './users-panel.tsx';

/** The key just created: shown once, to copy into the other system. */
function NewKey({ created }: { created: CreatedApiKey }) {
  const { t } = useTranslation('settings');
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="api-key-new" role="status">
      <label className="field" htmlFor={id}>
        <span className="field__label">{t('apiKeys.newKey', { name: created.name })}</span>
      </label>
      <div className="api-key-new__row">
        <input id={id} readOnly value={created.key} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(created.key).then(() => setCopied(true))
          }
        >
          {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
        </button>
      </div>
      <p className="policy-section__help">{t('apiKeys.onlyOnce')}</p>
    </div>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const revoke = useRevokeApiKey();
  return (
    <tr>
      <td>{apiKey.name}</td>
      <td>{t(`users.roles.${apiKey.role}`)}</td>
      <td>{formatDateTime(apiKey.createdAt, language)}</td>
      <td>
        {apiKey.lastUsedAt === null
          ? t('apiKeys.never')
          : formatDateTime(apiKey.lastUsedAt, language)}
      </td>
      <td>
        {apiKey.revoked ? (
          t('apiKeys.revoked')
        ) : (
          <button
            type="button"
            className="button button--secondary"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(apiKey.id)}
          >
            {t('apiKeys.revoke', { name: apiKey.name })}
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * «Claves de API» (DESIGN §11): credentials for the systems that push leads, events and
 * signals. A key is shown once, when it is created; only its hash is kept.
 */
export function ApiKeysPanel() {
  const { t } = useTranslation('settings');
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('admin');
  const id = useId();
  const items = keys.data?.items ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role }, { onSuccess: () => setName('') });
  };
  return (
    <section className="policies-panel" aria-labelledby="api-keys-title" data-testid="api-keys">
      <h2 id="api-keys-title">{t('apiKeys.title')}</h2>
      <p className="policy-section__help">{t('apiKeys.intro')}</p>
      {keys.isError ? (
        <p className="policy-error" role="alert">
          {keys.error.message}
        </p>
      ) : null}
      {keys.isSuccess && items.length === 0 ? (
        <p className="policy-section__empty">{t('apiKeys.none')}</p>
      ) : null}
      {items.length > 0 ? (
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('apiKeys.created')}</th>
              <th scope="col">{t('apiKeys.lastUsed')}</th>
              <th scope="col">{t('users.state')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((apiKey) => (
              <KeyRow key={apiKey.id} apiKey={apiKey} />
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="users-add" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('apiKeys.add')}</h3>
        <label className="field">
          <span className="field__label">{t('apiKeys.name')}</span>
          <input
            required
            placeholder={t('apiKeys.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-role`}>
            {t('users.role')}
          </label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('apiKeys.addButton')}
        </button>
        {create.error !== null ? (
          <p className="policy-error" role="alert">
            {create.error.message}
          </p>
        ) : null}
      </form>
      {create.data ? <NewKey key={create.data.id} created={create.data} /> : null}
    </section>
  );
}
