import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, read once from the environment at start-up. Every variable is
 * checked here so a typo stops the process with one line that names it (DESIGN §11),
 * instead of failing later somewhere deep in a request.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'a whole number between 0 and 65535')
  .transform(Number)
  .refine((value) => value <= 65_535, 'a whole number between 0 and 65535');

const urlWithProtocols = (protocols: readonly string[], what: string) =>
  z.string().refine((value) => {
    if (!URL.canParse(value)) return false;
    return protocols.includes(new URL(value).protocol);
  }, what);

const EnvSchema = z
  .object({
    PORT: port.default(3000),
    /** Address to bind; 0.0.0.0 so the server is reachable in containers too. */
    HOST: z.string().min(1, 'a host name or IP address').default('0.0.0.0'),
    DATABASE_URL: urlWithProtocols(
      ['postgres:', 'postgresql:'],
      'a PostgreSQL URL like postgres://user:password@host:5432/database',
    ).optional(),
    RUMBO_DATA_DIR: z.string().min(1, 'a directory path').default('.rumbo'),
    RUMBO_ADMIN_EMAIL: z.email('an email address like admin@example.com').optional(),
    RUMBO_ADMIN_PASSWORD: z.string().min(8, 'a password of at least 8 characters').optional(),
    RUMBO_API_KEY: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{16,200}$/, 'at least 16 characters of letters, digits or ._~+/=-')
      .optional(),
    RUMBO_PUBLIC_URL: urlWithProtocols(
      ['http:', 'https:'],
      'an http(s) URL like https://rumbo.example.com',
    ).optional(),
    SMTP_URL: urlWithProtocols(
      ['smtp:', 'smtps:'],
      'an SMTP URL like smtp://user:password@mail.example.com:587',
    ).optional(),
    /** HTTP SMS gateway (credentials in the URL); unset: SMS go to the outbox viewer. */
    SMS_URL: urlWithProtocols(
      ['http:', 'https:'],
      'an http(s) URL of the SMS gateway like https://user:key@sms.example.com/messages',
    ).optional(),
    /** Let webhooks call loopback and private addresses (development only; SSRF otherwise). */
    RUMBO_WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false', '1', '0'], { error: 'true or false' })
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** Where the built web app lives; tests point it at a temporary folder. */
    RUMBO_WEB_DIST: z.string().min(1, 'a directory path').optional(),
  })
  .superRefine((env, ctx) => {
    // An admin needs both halves; one without the other is almost certainly a typo.
    if (env.RUMBO_ADMIN_EMAIL !== undefined && env.RUMBO_ADMIN_PASSWORD === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['RUMBO_ADMIN_PASSWORD'],
        message: 'set together with RUMBO_ADMIN_EMAIL',
      });
    }
    if (env.RUMBO_ADMIN_PASSWORD !== undefined && env.RUMBO_ADMIN_EMAIL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['RUMBO_ADMIN_EMAIL'],
        message: 'set together with RUMBO_ADMIN_PASSWORD',
      });
    }
  });

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** null: start the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /** Absolute path of the data directory (embedded database, uploads). */
  dataDir: string;
  admin: { email: string; password: string } | null;
  apiKey: string | null;
  /** Base of tracking links, without a trailing slash. */
  publicUrl: string;
  /** null: email goes to the outbox viewer. */
  smtpUrl: string | null;
  /** null: SMS go to the outbox viewer. */
  smsUrl: string | null;
  /** Webhooks may reach loopback and private networks (RUMBO_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivateWebhooks: boolean;
  logLevel: LogLevel;
  /** Absolute path of the built web app (`apps/web/dist` unless RUMBO_WEB_DIST says otherwise). */
  webDistDir: string;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; error: string };

export interface ConfigDefaults {
  cwd: string;
  /** The built web app when RUMBO_WEB_DIST is unset. */
  webDistDir: string;
}

/** Empty strings count as unset: `PORT=` in a .env file means "use the default". */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** Shows what was given without leaking secrets into logs or terminals. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  if (/PASSWORD|API_KEY/.test(name)) return 'a value that does not fit';
  if (/_URL$/.test(name)) return `"${value.replace(/\/\/([^@/]*)@/, '//***@')}"`;
  return `"${value}"`;
}

/** Reads and checks the environment; never throws. The error is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: ConfigDefaults): ConfigResult {
  const raw = withoutEmpty(env);
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const expected = issue?.message ?? 'a valid value';
    return {
      ok: false,
      error: `invalid environment variable ${name}: expected ${expected}, got ${shown(name, raw[name])}`,
    };
  }
  const e = parsed.data;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(defaults.cwd, path));
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL ?? null,
      dataDir: absolute(e.RUMBO_DATA_DIR),
      admin:
        e.RUMBO_ADMIN_EMAIL !== undefined && e.RUMBO_ADMIN_PASSWORD !== undefined
          ? { email: e.RUMBO_ADMIN_EMAIL, password: e.RUMBO_ADMIN_PASSWORD }
          : null,
      apiKey: e.RUMBO_API_KEY ?? null,
      publicUrl: (e.RUMBO_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      smtpUrl: e.SMTP_URL ?? null,
      smsUrl: e.SMS_URL ?? null,
      allowPrivateWebhooks:
        e.RUMBO_WEBHOOK_ALLOW_PRIVATE === 'true' || e.RUMBO_WEBHOOK_ALLOW_PRIVATE === '1',
      logLevel: e.LOG_LEVEL,
      webDistDir: e.RUMBO_WEB_DIST !== undefined ? absolute(e.RUMBO_WEB_DIST) : defaults.webDistDir,
    },
  };
}
