import { describe, expect, it } from 'vitest';
import { checkSegmentRule } from './segment-check.ts';
import { inferAttributeFields, segmentFieldOptions } from './segment-fields.ts';
import {
  SEGMENT_ISSUE_CODES,
  SEGMENT_ISSUE_MESSAGES,
  segmentIssueMessage,
} from './segment-issues.ts';

const attributes = [
  { path: 'country', type: 'string' as const },
  { path: 'ltv', type: 'number' as const },
];

describe('checkSegmentRule', () => {
  it('accepts a well-formed rule on known attributes', () => {
    const rule = {
      kind: 'group',
      combinator: 'and',
      not: false,
      rules: [
        {
          kind: 'attribute',
          path: 'ltv',
          type: 'number',
          test: { op: 'between', from: 10, to: '20' },
        },
        {
          kind: 'event',
          name: 'purchased',
          where: [],
          when: { op: 'inLast', duration: { amount: 30, unit: 'days' } },
        },
      ],
    };
    expect(checkSegmentRule(rule, { attributes })).toEqual([]);
  });
  it('locates an unknown attribute and a type that disagrees with the data', () => {
    const rule = {
      kind: 'group',
      combinator: 'or',
      not: false,
      rules: [
        { kind: 'attribute', path: 'pais', type: 'string', test: { op: 'isSet' } },
        { kind: 'attribute', path: 'country', type: 'number', test: { op: 'gt', value: 3 } },
      ],
    };
    expect(checkSegmentRule(rule, { attributes }).map((i) => [i.code, i.path])).toEqual([
      ['segment_unknown_attribute', ['rules', 0, 'path']],
      ['segment_attribute_type_mismatch', ['rules', 1, 'type']],
    ]);
  });
  it('reports an operator that does not fit the type and values that cannot be read', () => {
    const issues = checkSegmentRule({
      kind: 'group',
      combinator: 'and',
      not: false,
      rules: [
        { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'contains', value: '1' } },
        { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'in', values: [1, 'mil'] } },
        { kind: 'field', field: 'createdAt', test: { op: 'gt', value: '2026-02-30' } },
        { kind: 'list', listId: 'clientes.txt', member: true },
      ],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['segment_operator_not_allowed', ['rules', 0, 'test', 'op']],
      ['segment_value_invalid', ['rules', 1, 'test', 'values', 1]],
      ['segment_value_invalid', ['rules', 2, 'test', 'value']],
      ['segment_list_id_invalid', ['rules', 3, 'listId']],
    ]);
  });
  it('reports malformed input as located issues instead of throwing', () => {
    expect(checkSegmentRule(null)[0]?.code).toBe('segment_invalid');
    expect(checkSegmentRule({ kind: 'sql', query: 'DROP TABLE leads' })[0]).toMatchObject({
      code: 'segment_unknown_kind',
      path: ['kind'],
    });
    const badStage = checkSegmentRule({ kind: 'stage', in: ['vip'] });
    expect(badStage[0]).toMatchObject({ code: 'segment_invalid', path: ['in', 0] });
    let deep: unknown = { kind: 'stage', in: ['lead'] };
    for (let i = 0; i < 10_000; i += 1)
      deep = { kind: 'group', combinator: 'and', not: false, rules: [deep] };
    expect(checkSegmentRule(deep)).toMatchObject([{ code: 'segment_too_deep' }]);
  });
  it('warns about an empty "any of" group and an empty range', () => {
    const issues = checkSegmentRule({
      kind: 'group',
      combinator: 'and',
      not: false,
      rules: [
        { kind: 'group', combinator: 'or', not: false, rules: [] },
        { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'between', from: 9, to: 1 } },
      ],
    });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['segment_group_matches_no_one', 'warning'],
      ['segment_range_empty', 'warning'],
    ]);
  });
  it('has a Spanish and an English message for every code, with parameters filled in', () => {
    for (const code of SEGMENT_ISSUE_CODES) {
      expect(SEGMENT_ISSUE_MESSAGES[code].es).not.toBe(SEGMENT_ISSUE_MESSAGES[code].en);
    }
    const [issue] = checkSegmentRule(
      { kind: 'attribute', path: 'pais', type: 'string', test: { op: 'isSet' } },
      { attributes },
    );
    expect(issue && segmentIssueMessage(issue, 'es')).toBe(
      'El atributo «pais» no existe en los datos de los leads.',
    );
  });
});

describe('field discovery', () => {
  it('infers attribute paths and types from samples, dates from ISO strings', () => {
    const inferred = inferAttributeFields([
      {
        country: 'España',
        ltv: 120.5,
        vip: true,
        birthday: '1990-02-28',
        address: { city: 'Cádiz' },
      },
      { country: 'México', ltv: '300', birthday: '1992-02-29', tags: ['a'], empty: null },
      { ltv: 80 },
    ]);
    expect(inferred).toEqual([
      { path: 'address.city', type: 'string', count: 1, mixed: false },
      { path: 'birthday', type: 'date', count: 2, mixed: false },
      { path: 'country', type: 'string', count: 2, mixed: false },
      { path: 'ltv', type: 'number', count: 3, mixed: true },
      { path: 'vip', type: 'boolean', count: 1, mixed: false },
    ]);
  });
  it('lists built-in fields with Spanish labels and the operators of their type', () => {
    const options = segmentFieldOptions([{ path: 'birthday', type: 'date' }]);
    const email = options.find((o) => o.id === 'field:email');
    expect(email?.label.es).toBe('Correo electrónico');
    expect(email?.operators).toContain('contains');
    const birthday = options.find((o) => o.id === 'attribute:birthday');
    expect(birthday?.operators).toContain('anniversaryWithin');
    expect(options.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['stage', 'consent', 'tag', 'list', 'event']),
    );
  });
});
