import type { JsonValue, LeadSnapshot, Stage } from '../lead/lead.schema.ts';
import { STAGES } from '../lead/lead.schema.ts';
import type { Locale, Localised } from '../validate/issue.ts';

/**
 * Sample leads from a CSV file the reviewer uploads. The caller splits the text into rows
 * (papaparse in the browser and on the server); this pure part maps the header to lead
 * fields and reports every broken row with its number, so the reviewer can fix the file
 * instead of guessing. Known columns (English or Spanish header names, any case):
 * key, name, email, phone, locale, time_zone, stage, consent_email, consent_sms, consent_call,
 * tags (separated by `;`); every other column becomes an attribute (numbers stay numbers).
 */

export const MAX_CSV_LEADS = 200_000;
/** Past this many broken rows the rest are only counted: nobody reads a thousand messages. */
export const MAX_CSV_ERRORS = 50;

export const CSV_ERROR_MESSAGES = {
  csv_empty: { es: 'El archivo está vacío.', en: 'The file is empty.' },
  csv_no_key_column: {
    es: 'Falta la columna «key» (o «clave», «email»): cada lead necesita una clave.',
    en: 'The "key" column (or "email") is missing: every lead needs a key.',
  },
  csv_too_many_rows: {
    es: 'El archivo tiene más de {max} filas.',
    en: 'The file has more than {max} rows.',
  },
  csv_column_count: {
    es: 'Fila {row}: tiene {found} columnas y la cabecera {expected}.',
    en: 'Row {row}: it has {found} columns and the header {expected}.',
  },
  csv_missing_key: { es: 'Fila {row}: la clave está vacía.', en: 'Row {row}: the key is empty.' },
  csv_duplicate_key: {
    es: 'Fila {row}: la clave «{value}» ya aparece en la fila {first}.',
    en: 'Row {row}: the key "{value}" already appears in row {first}.',
  },
  csv_bad_stage: {
    es: 'Fila {row}, columna {column}: «{value}» no es una etapa (prospect, lead, opportunity, customer, inactive).',
    en: 'Row {row}, column {column}: "{value}" is not a stage (prospect, lead, opportunity, customer, inactive).',
  },
  csv_bad_boolean: {
    es: 'Fila {row}, columna {column}: «{value}» no es sí/no.',
    en: 'Row {row}, column {column}: "{value}" is not yes/no.',
  },
  csv_bad_email: {
    es: 'Fila {row}, columna {column}: «{value}» no es un email.',
    en: 'Row {row}, column {column}: "{value}" is not an email address.',
  },
  csv_more_errors: {
    es: 'Y {count} filas más con errores.',
    en: 'And {count} more rows with errors.',
  },
} as const satisfies Record<string, Localised>;

export type CsvErrorCode = keyof typeof CSV_ERROR_MESSAGES;

export interface CsvRowError {
  code: CsvErrorCode;
  /** Line in the file, 1 = the header; absent for problems with the whole file. */
  row?: number;
  /** Header name of the column at fault. */
  column?: string;
  params: Record<string, string | number>;
}

export interface CsvLeadsResult {
  leads: LeadSnapshot[];
  errors: CsvRowError[];
}

type Field =
  | 'key'
  | 'name'
  | 'email'
  | 'phone'
  | 'locale'
  | 'timeZone'
  | 'stage'
  | 'consentEmail'
  | 'consentSms'
  | 'consentCall'
  | 'tags';

const ALIASES: Record<string, Field> = {
  key: 'key',
  external_key: 'key',
  clave: 'key',
  codigo: 'key',
  código: 'key',
  name: 'name',
  nombre: 'name',
  email: 'email',
  correo: 'email',
  phone: 'phone',
  telefono: 'phone',
  teléfono: 'phone',
  locale: 'locale',
  idioma: 'locale',
  time_zone: 'timeZone',
  timezone: 'timeZone',
  zona_horaria: 'timeZone',
  stage: 'stage',
  etapa: 'stage',
  consent_email: 'consentEmail',
  consentimiento_email: 'consentEmail',
  consent_sms: 'consentSms',
  consentimiento_sms: 'consentSms',
  consent_call: 'consentCall',
  consentimiento_llamada: 'consentCall',
  tags: 'tags',
  etiquetas: 'tags',
};

const TRUE = new Set(['1', 'true', 'yes', 'y', 'si', 'sí', 's', 'x']);
const FALSE = new Set(['', '0', 'false', 'no', 'n']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The message of a CSV error in the given language. */
export function csvErrorMessage(error: CsvRowError, locale: Locale): string {
  const template: string = CSV_ERROR_MESSAGES[error.code][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(error.params[name] ?? ''));
}

interface Columns {
  fields: Map<Field, number>;
  attributes: { index: number; name: string }[];
  header: string[];
}

function readHeader(header: readonly string[]): Columns {
  const fields = new Map<Field, number>();
  const attributes: { index: number; name: string }[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const field = ALIASES[name.toLowerCase().replace(/[\s-]+/g, '_')];
    if (field && !fields.has(field)) fields.set(field, index);
    else if (name !== '') attributes.push({ index, name });
  });
  // Without a key column the email is the key, as many CRMs export it.
  if (!fields.has('key') && fields.has('email')) fields.set('key', fields.get('email') ?? 0);
  return { fields, attributes, header: header.map((h) => h.trim()) };
}

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

function attributeValue(text: string): JsonValue {
  return NUMBER.test(text) ? Number(text) : text;
}

interface RowContext {
  columns: Columns;
  line: number;
  errors: CsvRowError[];
}

function cell(ctx: RowContext, row: readonly string[], field: Field): string {
  const index = ctx.columns.fields.get(field);
  return index === undefined ? '' : (row[index] ?? '').trim();
}

function columnName(ctx: RowContext, field: Field): string {
  return ctx.columns.header[ctx.columns.fields.get(field) ?? 0] ?? field;
}

function flag(ctx: RowContext, row: readonly string[], field: Field, fallback: boolean): boolean {
  if (!ctx.columns.fields.has(field)) return fallback;
  const value = cell(ctx, row, field);
  const folded = value.toLowerCase();
  if (TRUE.has(folded)) return true;
  if (FALSE.has(folded)) return false;
  const column = columnName(ctx, field);
  ctx.errors.push({
    code: 'csv_bad_boolean',
    row: ctx.line,
    column,
    params: { row: ctx.line, column, value },
  });
  return false;
}

function stageOf(ctx: RowContext, row: readonly string[]): Stage {
  const value = cell(ctx, row, 'stage');
  if (value === '') return 'lead';
  const found = STAGES.find((s) => s === value.toLowerCase());
  if (found) return found;
  const column = columnName(ctx, 'stage');
  ctx.errors.push({
    code: 'csv_bad_stage',
    row: ctx.line,
    column,
    params: { row: ctx.line, column, value },
  });
  return 'lead';
}

function emailOf(ctx: RowContext, row: readonly string[]): string | null {
  const value = cell(ctx, row, 'email');
  if (value === '') return null;
  if (EMAIL.test(value)) return value;
  const column = columnName(ctx, 'email');
  ctx.errors.push({
    code: 'csv_bad_email',
    row: ctx.line,
    column,
    params: { row: ctx.line, column, value },
  });
  return null;
}

function leadOf(ctx: RowContext, row: readonly string[], key: string, now: string): LeadSnapshot {
  const email = emailOf(ctx, row);
  const phone = cell(ctx, row, 'phone');
  const attributes: { [key: string]: JsonValue } = {};
  for (const { index, name } of ctx.columns.attributes) {
    const text = (row[index] ?? '').trim();
    if (text !== '') attributes[name] = attributeValue(text);
  }
  return {
    key,
    name: cell(ctx, row, 'name'),
    email,
    phone: phone === '' ? null : phone,
    locale: cell(ctx, row, 'locale') || 'es-ES',
    timeZone: cell(ctx, row, 'timeZone') || 'Europe/Madrid',
    stage: stageOf(ctx, row),
    consent: {
      email: flag(ctx, row, 'consentEmail', email !== null),
      sms: flag(ctx, row, 'consentSms', false),
      call: flag(ctx, row, 'consentCall', false),
    },
    attributes,
    tags: cell(ctx, row, 'tags')
      .split(';')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    lists: [],
    createdAt: now,
    updatedAt: now,
    events: [],
  };
}

/**
 * Maps already-split CSV rows (the first is the header) to leads. A row with any error is
 * left out and reported with its line number; the good rows are kept, so one typo never
 * throws away the file. `now` (ISO instant) stamps `createdAt`.
 */
export function leadsFromCsvRows(
  rows: readonly (readonly string[])[],
  now: string,
): CsvLeadsResult {
  const [header, ...body] = rows;
  if (!header || isBlank(header)) return { leads: [], errors: [{ code: 'csv_empty', params: {} }] };
  const columns = readHeader(header);
  if (!columns.fields.has('key')) {
    return { leads: [], errors: [{ code: 'csv_no_key_column', row: 1, params: {} }] };
  }
  if (body.length > MAX_CSV_LEADS) {
    return { leads: [], errors: [{ code: 'csv_too_many_rows', params: { max: MAX_CSV_LEADS } }] };
  }
  const leads: LeadSnapshot[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  let badRows = 0;
  body.forEach((row, i) => {
    const line = i + 2;
    if (isBlank(row)) return;
    const ctx: RowContext = { columns, line, errors: [] };
    if (row.length !== header.length) {
      ctx.errors.push({
        code: 'csv_column_count',
        row: line,
        params: { row: line, found: row.length, expected: header.length },
      });
    }
    const key = cell(ctx, row, 'key');
    const first = seen.get(key);
    if (key === '') ctx.errors.push({ code: 'csv_missing_key', row: line, params: { row: line } });
    else if (first !== undefined) {
      ctx.errors.push({
        code: 'csv_duplicate_key',
        row: line,
        params: { row: line, value: key, first },
      });
    }
    const lead = leadOf(ctx, row, key, now);
    if (ctx.errors.length === 0) {
      seen.set(key, line);
      leads.push(lead);
      return;
    }
    badRows++;
    if (errors.length < MAX_CSV_ERRORS) errors.push(...ctx.errors);
  });
  const shown = new Set(errors.map((e) => e.row)).size;
  if (badRows > shown) {
    errors.push({ code: 'csv_more_errors', params: { count: badRows - shown } });
  }
  return { leads, errors };
}
