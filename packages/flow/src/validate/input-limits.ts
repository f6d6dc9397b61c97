import type { Issue } from './issue.ts';
import { makeIssue } from './issue-codes.ts';

/**
 * Limits checked before any schema runs, so a hostile or broken document (a million nested
 * arrays, a cyclic object, megabytes of text) is reported instead of exhausting the stack
 * or the event loop. A real flow of 5,000 nodes stays far below every limit.
 */
export interface InputLimits {
  /**
   * Deepest nesting of arrays and objects. A segment rule may nest 32 groups (two levels
   * each: the group and its `rules` array) and sits five levels into a flow, so 96 leaves room.
   */
  maxDepth: number;
  /** Arrays, objects and primitives counted together. */
  maxValues: number;
  /** Total characters over all strings and keys. */
  maxTextLength: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxDepth: 96,
  maxValues: 2_000_000,
  maxTextLength: 20_000_000,
};

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** Walks the input iteratively; the first limit crossed becomes one located issue. */
export function checkInputLimits(
  input: unknown,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): Issue | null {
  const stack: Frame[] = [{ value: input, depth: 0, parent: null, key: '' }];
  let values = 0;
  let text = 0;
  while (stack.length > 0) {
    const frame = stack.pop();
    if (!frame) break;
    values += 1;
    const { value, depth } = frame;
    if (typeof value === 'string') text += value.length;
    if (values > limits.maxValues || text > limits.maxTextLength) {
      const params = {
        values,
        textLength: text,
        maxValues: limits.maxValues,
        maxTextLength: limits.maxTextLength,
      };
      return makeIssue('document_too_large', 'error', { path: pathOf(frame) }, params);
    }
    if (typeof value !== 'object' || value === null) continue;
    // A cyclic object also ends here: its depth grows without bound.
    if (depth >= limits.maxDepth) {
      return makeIssue(
        'document_too_deep',
        'error',
        { path: pathOf(frame) },
        { maxDepth: limits.maxDepth },
      );
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], depth: depth + 1, parent: frame, key: i });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      text += key.length;
      stack.push({ value: Reflect.get(value, key), depth: depth + 1, parent: frame, key });
    }
  }
  return null;
}
