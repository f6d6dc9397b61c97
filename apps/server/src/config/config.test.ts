import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const defaults = { cwd: '/srv/rumbo', webDistDir: '/srv/rumbo/apps/web/dist' };

describe('loadConfig', () => {
  it('fills the documented defaults when nothing is set', () => {
    const result = loadConfig({}, defaults);
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '0.0.0.0',
        databaseUrl: null,
        dataDir: '/srv/rumbo/.rumbo',
        admin: null,
        apiKey: null,
        publicUrl: 'http://localhost:3000',
        smtpUrl: null,
        smsUrl: null,
        allowPrivateWebhooks: false,
        logLevel: 'info',
        webDistDir: '/srv/rumbo/apps/web/dist',
      },
    });
  });

  it('names a malformed PORT and says what it expects, in one line', () => {
    const result = loadConfig({ PORT: 'tres mil' }, defaults);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(
      'invalid environment variable PORT: expected a whole number between 0 and 65535, got "tres mil"',
    );
    expect(result.error).not.toContain('\n');
  });

  it('rejects a port above 65535', () => {
    const result = loadConfig({ PORT: '70000' }, defaults);
    expect(result.ok ? '' : result.error).toMatch(/^invalid environment variable PORT:/);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL and hides its password', () => {
    const result = loadConfig({ DATABASE_URL: 'mysql://root:secreto@db/x' }, defaults);
    expect(result.ok ? '' : result.error).toMatch(/DATABASE_URL: expected a PostgreSQL URL/);
    expect(result.ok ? '' : result.error).not.toContain('secreto');
  });

  it('asks for the password when only the admin email is set', () => {
    const result = loadConfig({ RUMBO_ADMIN_EMAIL: 'ana@example.com' }, defaults);
    expect(result.ok ? '' : result.error).toMatch(/RUMBO_ADMIN_PASSWORD: expected set together/);
  });

  it('never echoes a rejected password', () => {
    const result = loadConfig(
      { RUMBO_ADMIN_EMAIL: 'ana@example.com', RUMBO_ADMIN_PASSWORD: 'corta' },
      defaults,
    );
    expect(result.ok ? '' : result.error).toMatch(/RUMBO_ADMIN_PASSWORD/);
    expect(result.ok ? '' : result.error).not.toContain('corta');
  });

  it('rejects an unknown LOG_LEVEL and lists the accepted ones', () => {
    const result = loadConfig({ LOG_LEVEL: 'verbose' }, defaults);
    expect(result.ok ? '' : result.error).toBe(
      'invalid environment variable LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
  });

  it('treats empty variables as unset and resolves relative paths against the cwd', () => {
    const result = loadConfig(
      { PORT: '', RUMBO_DATA_DIR: 'data', RUMBO_PUBLIC_URL: 'https://rumbo.example.com/' },
      defaults,
    );
    expect(result.ok && result.config.port).toBe(3000);
    expect(result.ok && result.config.dataDir).toBe('/srv/rumbo/data');
    expect(result.ok && result.config.publicUrl).toBe('https://rumbo.example.com');
  });

  it('reads the SMS gateway and the private-webhook switch, and names a malformed SMS_URL without its key', () => {
    const result = loadConfig(
      { SMS_URL: 'https://acme:k3y@sms.example.com/messages', RUMBO_WEBHOOK_ALLOW_PRIVATE: '1' },
      defaults,
    );
    expect(result.ok && [result.config.smsUrl, result.config.allowPrivateWebhooks]).toEqual([
      'https://acme:k3y@sms.example.com/messages',
      true,
    ]);
    const bad = loadConfig({ SMS_URL: 'ftp://acme:k3y@sms.example.com' }, defaults);
    expect(bad.ok ? '' : bad.error).toMatch(
      /^invalid environment variable SMS_URL: expected an http\(s\) URL/,
    );
    expect(bad.ok ? '' : bad.error).not.toContain('k3y');
    const flag = loadConfig({ RUMBO_WEBHOOK_ALLOW_PRIVATE: 'yes' }, defaults);
    expect(flag.ok ? '' : flag.error).toBe(
      'invalid environment variable RUMBO_WEBHOOK_ALLOW_PRIVATE: expected true or false, got "yes"',
    );
  });
});
