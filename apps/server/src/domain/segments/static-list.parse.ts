import Papa from 'papaparse';

/** Header names (folded) that mark the key column of a CSV. */
const KEY_HEADERS = [
  'key',
  'clave',
  'codigo',
  'codigo cliente',
  'codigo_cliente',
  'cliente',
  'external_key',
  'externalkey',
  'id cliente',
  'email',
  'correo',
];
const MAX_KEY_LENGTH = 200;

export interface ParsedKeys {
  /** Distinct keys in the order they first appear. */
  keys: string[];
  /** Keys seen again after their first appearance (ignored). */
  duplicates: number;
  format: 'lines' | 'csv';
  /** The CSV header used as key column, if the file had one. */
  column: string | null;
}

const fold = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * Reads lead keys from a pasted text or an uploaded file: one key per line (`clientes.txt`),
 * or a CSV whose header names the key column (else its first column). Blank lines are
 * skipped, keys trimmed, repeats counted and dropped.
 */
export function parseLeadKeys(text: string): ParsedKeys {
  // Pasted text mixes line endings (a Windows file plus a typed line); papaparse guesses one
  // newline from the first line, so every ending becomes \n first.
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(clean, {
    newline: '\n',
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const rows = parsed.data.filter((row) => Array.isArray(row));
  const first = rows[0] ?? [];
  const headerIndex = first.findIndex((cell) => KEY_HEADERS.includes(fold(String(cell))));
  const multiColumn = rows.some((row) => row.length > 1);
  const column = Math.max(headerIndex, 0);
  const dataRows = headerIndex >= 0 ? rows.slice(1) : rows;
  const seen = new Set<string>();
  const keys: string[] = [];
  let duplicates = 0;
  for (const row of dataRows) {
    const key = String(row[column] ?? '').trim();
    if (key === '' || key.length > MAX_KEY_LENGTH) continue;
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    keys.push(key);
  }
  return {
    keys,
    duplicates,
    format: headerIndex >= 0 || multiColumn ? 'csv' : 'lines',
    column: headerIndex >= 0 ? String(first[headerIndex]).trim() : null,
  };
}
