import type { Issue } from '../validate/issue.ts';
import { makeIssue } from '../validate/issue-codes.ts';
import type { NodeValidationContext } from './node-module.ts';

/**
 * Liquid-style merge fields: `{{ lead.name }}`, `{{ lead.country | default: "ES" }}`.
 * `lead.X` reads a lead column or, when X is not one, the attribute X; `lead.attributes.X` is
 * the explicit form. Other roots (`campaign`, `unsubscribe_url`) are filled by the runner.
 */

/** Lead columns every workspace has; merge fields on them are always known. */
export const BUILT_IN_MERGE_FIELDS = [
  'key',
  'name',
  'email',
  'phone',
  'locale',
  'timeZone',
  'stage',
  'tags',
] as const;

export interface MergeField {
  /** The path after `lead.`, e.g. `name`, `attributes.country`, `address.city`. */
  path: string;
  start: number;
  /** Whether a `| default: "…"` filter covers a missing value. */
  hasDefault: boolean;
}

interface Tag {
  start: number;
  end: number;
  /** The expression before any filter, trimmed: `lead.name`. */
  expr: string;
  /** The filter part after the first `|`, or ''. */
  filter: string;
}

/**
 * The `{{ … }}` tags of a text, found with indexOf rather than a regular expression: a
 * backtracking pattern took minutes on a body of an unclosed `{{` and spaces.
 */
function tags(text: string): Tag[] {
  const found: Tag[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) break;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) break;
    const inner = text.slice(start + 2, close);
    const bar = inner.indexOf('|');
    const expr = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    found.push({ start, end: close + 2, expr, filter: bar < 0 ? '' : inner.slice(bar + 1) });
    from = close + 2;
  }
  return found;
}

/** The `lead.*` merge fields in a text, in order. */
export function extractMergeFields(text: string): MergeField[] {
  return tags(text)
    .filter((tag) => tag.expr.startsWith('lead.'))
    .map((tag) => ({
      path: tag.expr.slice(5),
      start: tag.start,
      hasDefault: /^\s*default:/.test(tag.filter),
    }));
}

/** True when a `{{` is never closed, which would send the raw braces to the lead. */
export function hasUnclosedTag(text: string): boolean {
  const open = text.lastIndexOf('{{');
  return open >= 0 && text.indexOf('}}', open) < 0;
}

/** Replaces `{{ lead.* }}` with the lead's values (previews, simulator, runner). */
export function renderMergeFields(
  text: string,
  read: (path: string) => string | undefined,
): string {
  let out = '';
  let from = 0;
  for (const tag of tags(text)) {
    if (!tag.expr.startsWith('lead.')) continue;
    const fallback = /^\s*default:\s*"([^"]*)"/.exec(tag.filter)?.[1] ?? '';
    const value = read(tag.expr.slice(5));
    out += text.slice(from, tag.start) + (value === undefined || value === '' ? fallback : value);
    from = tag.end;
  }
  return out + text.slice(from);
}

function isKnown(path: string, known: ReadonlySet<string>): boolean {
  const plain = path.startsWith('attributes.') ? path.slice('attributes.'.length) : path;
  const root = plain.split('.')[0] ?? plain;
  return known.has(plain) || known.has(root) || known.has(`attributes.${root}`);
}

/**
 * Issues for one text of a node config: unknown merge fields (only when the workspace's
 * fields are known) and unclosed tags. An unknown field is an error, since the lead would
 * read a blank, unless a `default:` filter fills the gap.
 */
export function checkMergeFields(
  text: string,
  configKey: string,
  context: NodeValidationContext,
): Issue[] {
  const issues: Issue[] = [];
  const location = { nodeId: context.node.id, path: ['config', configKey] };
  if (hasUnclosedTag(text)) issues.push(makeIssue('unclosed_merge_field', 'warning', location));
  if (!context.knownFields) return issues;
  const known = new Set<string>([...BUILT_IN_MERGE_FIELDS, ...context.knownFields]);
  const reported = new Set<string>();
  for (const field of extractMergeFields(text)) {
    if (isKnown(field.path, known) || reported.has(field.path)) continue;
    reported.add(field.path);
    const severity = field.hasDefault ? 'warning' : 'error';
    issues.push(makeIssue('unknown_merge_field', severity, location, { field: field.path }));
  }
  return issues;
}
