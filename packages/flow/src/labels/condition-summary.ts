import type { ConsentChannel, Stage } from '../lead/lead.schema.ts';
import type {
  Comparison,
  LeadField,
  SegmentCondition,
  SegmentRule,
} from '../segment/rule.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { Locale, Localised } from '../validate/issue.ts';
import { formatDuration } from './duration.ts';
import { signalName } from './signal-names.ts';

/** Longest summary shown on a transition; the inspector shows the whole rule. */
export const SUMMARY_MAX_LENGTH = 80;

export const STAGE_NAMES: Record<Stage, Localised> = {
  prospect: { es: 'prospecto', en: 'prospect' },
  lead: { es: 'lead', en: 'lead' },
  opportunity: { es: 'oportunidad', en: 'opportunity' },
  customer: { es: 'cliente', en: 'customer' },
  inactive: { es: 'inactivo', en: 'inactive' },
};

/** Consent channels as a marketer reads them ("acepta llamadas", not "acepta call"). */
export const CONSENT_CHANNEL_NAMES: Record<ConsentChannel, Localised> = {
  email: { es: 'emails', en: 'emails' },
  sms: { es: 'SMS', en: 'SMS' },
  call: { es: 'llamadas', en: 'calls' },
};

export const LEAD_FIELD_NAMES: Record<LeadField, Localised> = {
  key: { es: 'clave', en: 'key' },
  name: { es: 'nombre', en: 'name' },
  email: { es: 'email', en: 'email' },
  phone: { es: 'teléfono', en: 'phone' },
  locale: { es: 'idioma', en: 'language' },
  timeZone: { es: 'zona horaria', en: 'time zone' },
  createdAt: { es: 'fecha de alta', en: 'created' },
  updatedAt: { es: 'última actualización', en: 'last updated' },
};

const quote = (value: string | number | boolean, locale: Locale) =>
  typeof value === 'string' ? (locale === 'es' ? `«${value}»` : `“${value}”`) : String(value);

function comparison(test: Comparison, locale: Locale): string {
  const es = locale === 'es';
  const q = (v: string | number | boolean) => quote(v, locale);
  switch (test.op) {
    case 'isSet':
      return es ? 'tiene valor' : 'is set';
    case 'isNotSet':
      return es ? 'no tiene valor' : 'is not set';
    case 'eq':
      return `= ${q(test.value)}`;
    case 'neq':
      return `≠ ${q(test.value)}`;
    case 'contains':
      return `${es ? 'contiene' : 'contains'} ${q(test.value)}`;
    case 'notContains':
      return `${es ? 'no contiene' : 'does not contain'} ${q(test.value)}`;
    case 'startsWith':
      return `${es ? 'empieza por' : 'starts with'} ${q(test.value)}`;
    case 'endsWith':
      return `${es ? 'termina en' : 'ends with'} ${q(test.value)}`;
    case 'in':
      return `${es ? 'es' : 'is'} ${test.values.map(q).join(es ? ' o ' : ' or ')}`;
    case 'notIn':
      return `${es ? 'no es' : 'is not'} ${test.values.map(q).join(es ? ' ni ' : ' nor ')}`;
    case 'lt':
      return `< ${q(test.value)}`;
    case 'lte':
      return `≤ ${q(test.value)}`;
    case 'gt':
      return `> ${q(test.value)}`;
    case 'gte':
      return `≥ ${q(test.value)}`;
    case 'between':
      return es
        ? `entre ${q(test.from)} y ${q(test.to)}`
        : `between ${q(test.from)} and ${q(test.to)}`;
    case 'inLast':
      return `${es ? 'en los últimos' : 'in the last'} ${formatDuration(test.duration.amount, test.duration.unit, locale)}`;
    case 'notInLast':
      return `${es ? 'no en los últimos' : 'not in the last'} ${formatDuration(test.duration.amount, test.duration.unit, locale)}`;
    case 'inNext':
      return `${es ? 'en los próximos' : 'in the next'} ${formatDuration(test.duration.amount, test.duration.unit, locale)}`;
    case 'anniversaryWithin':
      return test.days === 0
        ? es
          ? 'es hoy (aniversario)'
          : 'is today (anniversary)'
        : `${es ? 'aniversario en' : 'anniversary within'} ${formatDuration(test.days, 'days', locale)}`;
    default:
      return assertNever(test, 'comparison');
  }
}

function eventSummary(rule: Extract<SegmentCondition, { kind: 'event' }>, locale: Locale): string {
  const es = locale === 'es';
  const name = quote(signalName(rule.name, locale), locale);
  const never = rule.count?.op === 'atMost' && rule.count.n === 0;
  const parts = [never ? (es ? `nunca: ${name}` : `never: ${name}`) : name];
  if (rule.where.length > 0) {
    const where = rule.where.map((w) => `${w.property} ${comparison(w.test, locale)}`);
    parts.push(`(${where.join(', ')})`);
  }
  if (rule.when?.op === 'inLast') parts.push(comparison(rule.when, locale));
  if (rule.when?.op === 'between')
    parts.push(
      comparison(
        { op: 'between', from: rule.when.from.slice(0, 10), to: rule.when.to.slice(0, 10) },
        locale,
      ),
    );
  if (rule.count && !never) {
    const words: Record<typeof rule.count.op, Localised> = {
      atLeast: { es: 'al menos', en: 'at least' },
      atMost: { es: 'como mucho', en: 'at most' },
      exactly: { es: 'exactamente', en: 'exactly' },
    };
    parts.push(`${words[rule.count.op][locale]} ${rule.count.n} ${es ? 'veces' : 'times'}`);
  }
  return parts.join(' ');
}

function condition(rule: SegmentCondition, locale: Locale): string {
  const es = locale === 'es';
  switch (rule.kind) {
    case 'field':
      return `${LEAD_FIELD_NAMES[rule.field][locale]} ${comparison(rule.test, locale)}`;
    case 'attribute':
      return `${rule.path} ${comparison(rule.test, locale)}`;
    case 'stage': {
      const names = rule.in.map((s) => STAGE_NAMES[s][locale]).join(es ? ' o ' : ' or ');
      return `${es ? 'etapa' : 'stage'} ${es ? 'es' : 'is'} ${names}`;
    }
    case 'consent':
      return `${rule.granted ? (es ? 'acepta' : 'accepts') : es ? 'no acepta' : 'does not accept'} ${CONSENT_CHANNEL_NAMES[rule.channel][locale]}`;
    case 'tag':
      return `${rule.has ? (es ? 'tiene la etiqueta' : 'has tag') : es ? 'no tiene la etiqueta' : 'lacks tag'} ${quote(rule.tag, locale)}`;
    case 'list':
      return `${rule.member ? (es ? 'está en la lista' : 'in list') : es ? 'no está en la lista' : 'not in list'} ${quote(rule.listId, locale)}`;
    case 'event':
      return eventSummary(rule, locale);
    default:
      return assertNever(rule, 'segment condition');
  }
}

function summarise(rule: SegmentRule, locale: Locale, nested: boolean): string {
  if (rule.kind !== 'group') return condition(rule, locale);
  const es = locale === 'es';
  let text: string;
  if (rule.rules.length === 0) {
    text = rule.combinator === 'and' ? (es ? 'siempre' : 'always') : es ? 'nunca' : 'never';
  } else {
    const joiner = rule.combinator === 'and' ? (es ? ' y ' : ' and ') : es ? ' o ' : ' or ';
    text = rule.rules.map((r) => summarise(r, locale, true)).join(joiner);
    if (nested && rule.rules.length > 1) text = `(${text})`;
  }
  return rule.not
    ? `${es ? 'no' : 'not'} ${rule.rules.length > 1 && !nested ? `(${text})` : text}`
    : text;
}

/** A one-line reading of a rule ("etapa es oportunidad y país = «ES»"), cut to fit a transition. */
export function summariseRule(
  rule: SegmentRule,
  locale: Locale,
  maxLength = SUMMARY_MAX_LENGTH,
): string {
  const text = summarise(rule, locale, false);
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}
