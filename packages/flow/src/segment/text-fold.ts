/**
 * How segment rules compare text: case- and accent-insensitively, by one explicit table that
 * the predicate applies in JavaScript and the SQL compiler applies with `translate()`, so the
 * result never depends on the database's locale or ICU version.
 *
 * A–Z lose case; the accented Latin vowels (À–Å, È–Ë, Ì–Ï, Ò–Ö, Ù–Ü in both cases), Ç/ç and
 * Ý/ý/ÿ lose case and accent; Ñ becomes ñ, which stays distinct from n (Spanish treats it as
 * its own letter: "año" is not "ano"). Every other character is compared as it is, code point
 * by code point, without Unicode normalisation.
 */
export const FOLD_FROM =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑÝýÿ';
export const FOLD_TO =
  'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccñyyy';

const FOLD_MAP: ReadonlyMap<string, string> = (() => {
  const from = [...FOLD_FROM];
  const to = [...FOLD_TO];
  return new Map(from.map((ch, i) => [ch, to[i] ?? ch]));
})();

/**
 * The same table for SQL's `translate()`, which scans its `from` list linearly for every
 * character: frequent characters come first (as identity pairs where they do not change), so
 * a typical Spanish character is found after a few steps instead of after all 78. Identity
 * pairs and order change nothing in the mapping.
 */
const FREQUENT = 'eaosrnidlctumpbgvyqhfzjñxkw áéíóúEASRNIDLCTOUMPBGVYQHFZJXKWÁÉÍÓÚÑ0123456789.-@_,';
export const SQL_FOLD_FROM: string = [...new Set([...FREQUENT, ...FOLD_FROM])].join('');
export const SQL_FOLD_TO: string = [...SQL_FOLD_FROM].map((ch) => FOLD_MAP.get(ch) ?? ch).join('');

/** The folded form of a text, as both compilers compare it. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += FOLD_MAP.get(ch) ?? ch;
  return out;
}

/**
 * A rule's text value as compared: folded, and without U+0000, which PostgreSQL cannot store
 * (so no stored text contains it) nor receive as a parameter.
 */
export const ruleText = (text: string): string => foldText(text.replaceAll('\u0000', ''));
