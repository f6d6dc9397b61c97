import { USER_ROLES, type User, type UserRole } from '@rumbo/flow';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { useCreateUser, useUpdateUser, useUsers } from './users.api.ts';

/** The message of a failed request: the located issue's own words when there is one. */
function failure(error: Error | null, t: (key: string) => string): string | null {
  if (error === null) return null;
  if (error instanceof ApiError) {
    const code = error.problem?.issues?.[0]?.code;
    if (code === 'email_taken' || code === 'last_admin') return t(`users.errors.${code}`);
  }
  return error.message;
}

export function RoleSelect({
  value,
  onChange,
  label,
  id,
  disabled,
}: {
  value: UserRole;
  onChange: (role: UserRole) => void;
  /** The accessible name when no `<label htmlFor={id}>` names it (in a table row). */
  label?: string;
  id?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('settings');
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as UserRole)}
    >
      {USER_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`users.roles.${role}`)}
        </option>
      ))}
    </select>
  );
}

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation('settings');
  const update = useUpdateUser();
  const error = failure(update.error, t);
  return (
    <tr>
      <td>{user.email}</td>
      <td>{user.name}</td>
      <td>
        <RoleSelect
          value={user.role}
          label={t('users.roleOf', { email: user.email })}
          disabled={update.isPending}
          onChange={(role) => update.mutate({ id: user.id, role })}
        />
        {error !== null ? (
          <p className="policy-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>{user.disabled ? t('users.disabled') : t('users.enabled')}</td>
      <td>
        <button
          type="button"
          className="button button--secondary"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
        >
          {user.disabled
            ? t('users.enable', { email: user.email })
            : t('users.disable', { email: user.email })}
        </button>
      </td>
    </tr>
  );
}

function AddUserForm({ first }: { first: boolean }) {
  const { t } = useTranslation('settings');
  const create = useCreateUser();
  const empty = {
    email: '',
    name: '',
    role: (first ? 'admin' : 'marketer') as UserRole,
    password: '',
  };
  const [form, setForm] = useState(empty);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form, { onSuccess: () => setForm(empty) });
  };
  const error = failure(create.error, t);
  return (
    <form className="users-add" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{first ? t('users.addFirst') : t('users.add')}</h3>
      <label className="field">
        <span className="field__label">{t('users.email')}</span>
        <input
          type="email"
          required
          autoComplete="off"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('users.name')}</span>
        <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-role`}>
          {t('users.role')}
        </label>
        <RoleSelect
          id={`${id}-role`}
          value={form.role}
          onChange={(role) => setForm({ ...form, role })}
        />
      </div>
      <label className="field">
        <span className="field__label">{t('users.password')}</span>
        <input
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('users.addButton')}
      </button>
      {error !== null ? (
        <p className="policy-error" role="alert">
          {error}
        </p>
      ) : null}
      {first ? <p className="policy-section__help">{t('users.firstNote')}</p> : null}
    </form>
  );
}

/**
 * «Usuarios y permisos» (DESIGN §1's people): who signs in and with which role. Shown to
 * administrators, and while the API is open (no user yet) so the first one can be created.
 */
export function UsersPanel() {
  const { t } = useTranslation('settings');
  const users = useUsers();
  const items = users.data?.items ?? [];
  return (
    <section className="policies-panel" aria-labelledby="users-title" data-testid="users">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="policy-section__help">{t('users.intro')}</p>
      <ul className="users-roles">
        {USER_ROLES.map((role) => (
          <li key={role}>
            <strong>{t(`users.roles.${role}`)}</strong>: {t(`users.can.${role}`)}
          </li>
        ))}
      </ul>
      {users.isPending ? <p role="status">{t('users.loading')}</p> : null}
      {users.isError ? (
        <p className="policy-error" role="alert">
          {users.error.message}
        </p>
      ) : null}
      {users.isSuccess && items.length === 0 ? (
        <p className="policy-section__empty">{t('users.none')}</p>
      ) : null}
      {items.length > 0 ? (
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </tbody>
        </table>
      ) : null}
      {users.isSuccess ? <AddUserForm first={items.length === 0} /> : null}
    </section>
  );
}
