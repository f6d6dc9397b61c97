import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession } from './support/e2e-session.ts';

/**
 * DESIGN §11 in the browser: with a first administrator from RUMBO_ADMIN_EMAIL/PASSWORD the
 * app asks to sign in, refuses a wrong password in words, keeps the session across a reload
 * and signs out; the API refuses requests without a session or a key.
 */

const ADMIN = { email: 'marta@example.com', password: 'la contraseña de Marta' };

let s: E2eSession;

beforeAll(async () => {
  s = await startE2eSession('e2e-sign-in', {
    RUMBO_ADMIN_EMAIL: ADMIN.email,
    RUMBO_ADMIN_PASSWORD: ADMIN.password,
  });
});

afterAll(async () => {
  await s?.close();
});

describe('sign-in', () => {
  it('asks for the email and password, refuses a wrong one, and keeps the session', async () => {
    const { page, app } = s;
    const refused = await fetch(`${app.baseUrl}/api/v1/campaigns`);
    expect(refused.status).toBe(401);

    await page.goto(`${app.baseUrl}/campaigns`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await saveScreenshot(page, 'sign-in-es');

    await page.getByLabel('Correo electrónico').fill(ADMIN.email);
    await page.getByLabel('Contraseña').fill('no es esta');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page
      .getByRole('alert')
      .getByText('El correo o la contraseña no son correctos.')
      .waitFor();
    expect(await page.getByLabel('Correo electrónico').inputValue()).toBe(ADMIN.email);

    await page.getByLabel('Contraseña').fill(ADMIN.password);
    await page.getByLabel('Contraseña').press('Enter');
    await page.getByRole('heading', { name: 'Campañas', level: 1 }).waitFor();
    await saveScreenshot(page, 'signed-in-es', false);
    await page.getByText('REC001').first().waitFor();
    await page.getByRole('banner').getByText(ADMIN.email).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'rumbo_session')).toMatchObject({ httpOnly: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Campañas', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Iniciar sesión' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.getByText('REC001').count()).toBe(0);
    // The 401 of the first wrong password is the only failed request the page saw.
    expect(s.problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  it('lets the administrator add an agent and an API key; the agent may not create campaigns nor manage users, and changes his password', async () => {
    const { page, app } = s;
    await page.getByLabel('Correo electrónico').fill(ADMIN.email);
    await page.getByLabel('Contraseña').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Campañas', level: 1 }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Ajustes' }).click();
    const users = page.getByTestId('users');
    await users.getByRole('heading', { name: 'Usuarios y permisos' }).waitFor();
    await users.getByRole('cell', { name: ADMIN.email, exact: true }).waitFor();
    const form = users.getByRole('form', { name: 'Añadir un usuario' });
    await form.getByLabel('Correo electrónico').fill('pablo@example.com');
    await form.getByLabel('Nombre').fill('Pablo');
    await form.getByLabel('Rol', { exact: true }).selectOption({ label: 'Agente de llamadas' });
    await form.getByLabel('Contraseña inicial').fill('la contraseña de Pablo');
    await form.getByRole('button', { name: 'Añadir usuario' }).click();
    await users.getByRole('cell', { name: 'pablo@example.com', exact: true }).waitFor();
    expect(await users.getByLabel('Rol de pablo@example.com').inputValue()).toBe('agent');
    // The same email again is refused in words, and the form keeps what was typed.
    await form.getByLabel('Correo electrónico').fill('PABLO@example.com');
    await form.getByLabel('Contraseña inicial').fill('otra contraseña');
    await form.getByRole('button', { name: 'Añadir usuario' }).click();
    await form.getByText('Ya hay un usuario con ese correo.').waitFor();
    // The last administrator cannot demote herself.
    await users.getByLabel(`Rol de ${ADMIN.email}`).selectOption('marketer');
    await users.getByText('Tiene que quedar al menos un administrador activo.').waitFor();
    await users.evaluate((node) => node.scrollIntoView());
    await saveScreenshot(page, 'settings-users-es', false);

    // An API key for the shop's CRM: shown once, works as a Bearer key, then revoked.
    const keys = page.getByTestId('api-keys');
    const keyForm = keys.getByRole('form', { name: 'Crear una clave' });
    await keyForm.getByLabel('Para qué es').fill('CRM de la tienda');
    await keyForm.getByRole('button', { name: 'Crear clave' }).click();
    const shown = keys.getByLabel('Clave de «CRM de la tienda»');
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^rumbo_/);
    await keys.getByText('Rumbo solo guarda una huella').waitFor();
    await keys.evaluate((node) => node.scrollIntoView());
    await saveScreenshot(page, 'settings-api-keys-es', false);
    const withKey = () =>
      fetch(`${app.baseUrl}/api/v1/campaigns`, { headers: { authorization: `Bearer ${key}` } });
    expect((await withKey()).status).toBe(200);
    await keys.getByRole('button', { name: 'Revocar «CRM de la tienda»' }).click();
    await keys.getByRole('cell', { name: 'Revocada' }).waitFor();
    expect((await withKey()).status).toBe(401);

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await page.getByLabel('Correo electrónico').fill('pablo@example.com');
    await page.getByLabel('Contraseña').fill('la contraseña de Pablo');
    await page.getByRole('button', { name: 'Entrar' }).click();
    // Signed in where he was: the settings page, now as Pablo.
    await page.getByRole('banner').getByText('pablo@example.com').waitFor();
    // An agent sees the campaigns without the ways to create one, and a designer that says it
    // only reads.
    await page.getByRole('navigation').getByRole('link', { name: 'Campañas' }).click();
    await page.getByRole('heading', { name: 'Campañas', level: 1 }).waitFor();
    await page.getByText('REC001').first().waitFor();
    expect(await page.getByRole('link', { name: /Nueva campaña/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Importar' }).count()).toBe(0);
    await page
      .getByRole('link', { name: /Recuperar carritos/ })
      .first()
      .click();
    await page.getByText('Solo lectura: tu rol no puede cambiar campañas').waitFor();
    // Typed in by hand, the new-campaign page is still refused by the server, in words.
    await page.goto(`${app.baseUrl}/campaigns/new`);
    await page.getByRole('heading', { level: 1, name: 'Nueva campaña' }).waitFor();
    await page
      .getByRole('button', { name: /^Crear/ })
      .first()
      .click();
    await page.getByText('No tienes permiso para hacer esto.').waitFor();
    // …and no users or API keys in the settings.
    await page.getByRole('navigation').getByRole('link', { name: 'Ajustes' }).click();
    await page.getByRole('heading', { name: 'Políticas de contacto' }).waitFor();
    expect(await page.getByTestId('users').count()).toBe(0);
    expect(await page.getByTestId('api-keys').count()).toBe(0);
    // The contact policies and the call capacity are there to read, locked for his role.
    await page.getByText('Solo lectura: tu rol no puede cambiar estas reglas').waitFor();
    expect(await page.getByRole('button', { name: 'Guardar políticas' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Guardar zona' }).isDisabled()).toBe(true);

    // Pablo changes his own password under «Tu cuenta».
    const account = page.getByTestId('account');
    await account
      .getByText('Has iniciado sesión como pablo@example.com, con el rol Agente de llamadas.')
      .waitFor();
    await account.getByLabel('Contraseña actual').fill('la contraseña de Pablo');
    await account
      .getByLabel('Contraseña nueva (mínimo 8 caracteres)')
      .fill('pablo y su clave nueva');
    await account.getByLabel('Repite la contraseña nueva').fill('otra cosa distinta');
    await account.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await account.getByText('Las dos contraseñas nuevas no coinciden.').waitFor();
    await account.getByLabel('Repite la contraseña nueva').fill('pablo y su clave nueva');
    await account.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await account.getByText('Contraseña cambiada.').waitFor();
    await account.evaluate((node) => node.scrollIntoView());
    await saveScreenshot(page, 'settings-account-es', false);
    const withNew = await fetch(`${app.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'pablo@example.com', password: 'pablo y su clave nueva' }),
    });
    expect(withNew.status).toBe(200);
  });
});
