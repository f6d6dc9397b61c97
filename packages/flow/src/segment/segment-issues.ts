import type { Issue, Locale, Localised } from '../validate/issue.ts';

/** Every code `checkSegmentRule` reports; the builder and the API translate them here. */
export const SEGMENT_ISSUE_CODES = [
  'segment_invalid',
  'segment_unknown_kind',
  'segment_too_deep',
  'segment_unknown_attribute',
  'segment_attribute_type_mismatch',
  'segment_operator_not_allowed',
  'segment_value_invalid',
  'segment_range_empty',
  'segment_list_id_invalid',
  'segment_group_matches_no_one',
  'segment_count_always_true',
] as const;
export type SegmentIssueCode = (typeof SEGMENT_ISSUE_CODES)[number];

/** Messages with `{param}` placeholders filled from the issue's params. */
export const SEGMENT_ISSUE_MESSAGES: Readonly<Record<SegmentIssueCode, Localised>> = {
  segment_invalid: {
    es: 'La regla no tiene la forma esperada ({detail}).',
    en: 'The rule does not have the expected shape ({detail}).',
  },
  segment_unknown_kind: {
    es: 'Tipo de condición desconocido: «{kind}».',
    en: 'Unknown kind of condition: "{kind}".',
  },
  segment_too_deep: {
    es: 'Los grupos están anidados en más de {max} niveles.',
    en: 'Groups are nested more than {max} levels deep.',
  },
  segment_unknown_attribute: {
    es: 'El atributo «{path}» no existe en los datos de los leads.',
    en: 'The attribute "{path}" does not exist in the leads\' data.',
  },
  segment_attribute_type_mismatch: {
    es: 'El atributo «{path}» es de tipo {known}, pero la regla lo lee como {type}.',
    en: 'The attribute "{path}" holds {known} values, but the rule reads it as {type}.',
  },
  segment_operator_not_allowed: {
    es: 'El operador «{op}» no se puede usar con valores de tipo {type}.',
    en: 'The operator "{op}" cannot be used with {type} values.',
  },
  segment_value_invalid: {
    es: 'El valor no es un {type} válido.',
    en: 'The value is not a valid {type}.',
  },
  segment_range_empty: {
    es: 'El inicio del intervalo es posterior al final: ningún lead cumplirá la condición.',
    en: 'The range starts after it ends: no lead will match.',
  },
  segment_list_id_invalid: {
    es: 'La lista «{listId}» no es un identificador de lista válido.',
    en: 'The list "{listId}" is not a valid list id.',
  },
  segment_group_matches_no_one: {
    es: 'Un grupo «cualquiera» sin condiciones no selecciona a ningún lead.',
    en: 'An "any of" group without conditions selects no lead.',
  },
  segment_count_always_true: {
    es: '«Al menos 0 veces» se cumple siempre: la condición no filtra.',
    en: '"At least 0 times" always holds: the condition filters nothing.',
  },
};

export function isSegmentIssueCode(code: string): code is SegmentIssueCode {
  return SEGMENT_ISSUE_CODES.some((known) => known === code);
}

/** The translated message of a segment issue. */
export function segmentIssueMessage(issue: Issue, locale: Locale): string {
  const template = isSegmentIssueCode(issue.code)
    ? SEGMENT_ISSUE_MESSAGES[issue.code][locale]
    : issue.code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = issue.params[name];
    return value === undefined ? whole : Array.isArray(value) ? value.join(', ') : String(value);
  });
}
