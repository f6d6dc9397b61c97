import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json-position.ts';

describe('jsonErrorPosition', () => {
  it('finds nothing wrong in valid JSON of any shape', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, true, null, "x\\n"], "b": {}} ',
      '"s"',
      '0',
    ]) {
      expect(JSON.parse(text)).toBeDefined();
      expect(jsonErrorPosition(text)).toBeNull();
    }
  });

  it('points at a missing value on the line and column where it is missing', () => {
    expect(jsonErrorPosition('{\n  "a": }')).toMatchObject({ line: 2, column: 8 });
  });

  it('points at a trailing comma before a closing bracket', () => {
    expect(jsonErrorPosition('[1, 2,]')).toMatchObject({ line: 1, column: 7, offset: 6 });
  });

  it('says a missing comma between properties is expected', () => {
    const position = jsonErrorPosition('{"a": 1\n "b": 2}');
    expect(position).toMatchObject({ line: 2, column: 2 });
    expect(position?.expected).toBe("',' or '}'");
  });

  it('reports a text cut short at its end', () => {
    expect(jsonErrorPosition('{"a": [1')).toMatchObject({ offset: 8 });
    expect(jsonErrorPosition('')).toMatchObject({ line: 1, column: 1 });
  });

  it('survives nesting far deeper than a recursive parser could', () => {
    const deep = `${'['.repeat(200_000)}x`;
    expect(jsonErrorPosition(deep)).toMatchObject({ offset: 200_000 });
  });
});
