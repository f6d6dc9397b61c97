import {
  extractMergeFields,
  generateFakeLeads,
  type JsonValue,
  type LeadSnapshot,
  type Locale,
  renderMergeFields,
} from '@rumbo/flow';

/** One run of preview text: plain, or a merge field with what the sample lead gave it. */
export type PreviewPart =
  | { kind: 'text'; text: string }
  | {
      kind: 'field';
      path: string;
      /** What the lead will read here: the value, the `default:` text, or '' (a blank). */
      text: string;
      /** The sample lead has no value for it (unknown field or missing data). */
      missing: boolean;
    };

function asText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function attribute(attributes: Record<string, JsonValue>, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = attributes;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * Reads `lead.X` the way the merge-field contract says: a lead column, or else the attribute
 * X; `attributes.X` is the explicit form; dotted paths go into nested attributes.
 */
export function leadReader(lead: LeadSnapshot): (path: string) => string | undefined {
  return (path) => {
    if (path.startsWith('attributes.')) {
      return asText(attribute(lead.attributes, path.slice('attributes.'.length)));
    }
    switch (path) {
      case 'key':
      case 'name':
      case 'locale':
      case 'timeZone':
      case 'stage':
        return lead[path];
      case 'email':
      case 'phone':
        return lead[path] ?? undefined;
      case 'tags':
        return lead.tags.join(', ');
      default:
        return asText(attribute(lead.attributes, path));
    }
  };
}

/**
 * The text split into plain runs and merge fields, each field rendered by the engine's own
 * `renderMergeFields`, so the preview shows what the lead will read (defaults included) and
 * which fields the sample lead leaves blank.
 */
export function previewParts(
  text: string,
  read: (path: string) => string | undefined,
): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let from = 0;
  for (const field of extractMergeFields(text)) {
    const close = text.indexOf('}}', field.start);
    if (close < 0) break;
    const end = close + 2;
    if (field.start > from) parts.push({ kind: 'text', text: text.slice(from, field.start) });
    const value = read(field.path);
    parts.push({
      kind: 'field',
      path: field.path,
      text: renderMergeFields(text.slice(field.start, end), read),
      missing: value === undefined || value === '',
    });
    from = end;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) });
  return parts;
}

/** A handful of demo-like leads to preview with; fixed seed, so the list does not reshuffle. */
export function previewLeads(locale: Locale, now: number): LeadSnapshot[] {
  return generateFakeLeads({ count: 5, locale, seed: 'designer-preview' }, now);
}
