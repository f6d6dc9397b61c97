import { describe, expect, it } from 'vitest';
import { extractMergeFields, hasUnclosedTag, renderMergeFields } from './merge-fields.ts';

describe('merge fields', () => {
  it('finds lead fields with and without a default, ignoring other roots', () => {
    const text =
      'Hola {{lead.name}}, {{ lead.city | default: "tu ciudad" }} {{ links.buy }} {{ campaign.name }}';
    expect(extractMergeFields(text).map((f) => [f.path, f.hasDefault])).toEqual([
      ['name', false],
      ['city', true],
    ]);
  });

  it('renders values and defaults and leaves other tags for the runner', () => {
    const read = (path: string) => (path === 'name' ? 'Ana' : undefined);
    expect(
      renderMergeFields(
        'Hola {{ lead.name }} de {{ lead.city | default: "Lima" }} {{ links.x }}',
        read,
      ),
    ).toBe('Hola Ana de Lima {{ links.x }}');
  });

  it('scans a 100,000-character body with an unclosed tag in linear time', () => {
    const body = `{{${' '.repeat(100_000)}`;
    const start = Date.now();
    expect(extractMergeFields(body)).toEqual([]);
    expect(hasUnclosedTag(body)).toBe(true);
    expect(extractMergeFields('{{ {{ '.repeat(20_000))).toEqual([]);
    expect(Date.now() - start).toBeLessThan(1_000);
  });
});
