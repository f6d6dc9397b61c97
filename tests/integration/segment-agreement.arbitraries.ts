import { randomUUID } from 'node:crypto';
import {
  CONSENT_CHANNELS,
  type Comparison,
  type JsonValue,
  LEAD_FIELDS,
  type LeadEvent,
  type LeadSnapshot,
  type SegmentRule,
  STAGES,
  TIME_UNITS,
  type ValueType,
} from '@rumbo/flow';
import fc from 'fast-check';

// Random leads and segment rules for the agreement test. Values come from small shared
// vocabularies so that rules actually hit the data: accents, ñ, empty strings, numbers written
// as strings, leap days, impossible dates, wrong JSON types, dotted keys, hostile quotes.

const DAY = 86_400_000;
export const NOWS = [
  Date.parse('2024-02-28T12:00:00.000Z'),
  Date.parse('2023-02-28T23:59:59.999Z'),
  Date.parse('2024-12-31T23:30:00.000Z'),
  Date.parse('2026-11-22T07:30:00.000Z'),
];
export const LISTS = [randomUUID(), randomUUID(), randomUUID()];
const TEXTS = [
  'Ñoño',
  'ñoño',
  'NOÑO',
  'nono',
  'José',
  'jose',
  'JOSÉ',
  'María',
  'maria',
  'Muñoz',
  'munoz',
  '',
  ' ',
  'año',
  'ano',
  '42',
  // How numbers, booleans and arrays print through ->>: string rules must not match them.
  'TRUE',
  '[1, "a"]',
  '4.2e1',
  '-0',
  'abc',
  "O'Brien",
  "'; DROP TABLE leads; --",
  '%_\\',
  'ß',
  'Ωmega',
  '😀 fiesta',
  'Çà',
  'ÿ',
  'es-MX',
  'España',
  'ESPAÑA',
];
const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
  fc.string({ unit: fc.constantFrom(..."aeoñÑáÁüU é%'_\\"), maxLength: 6 }),
);
const num = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -0, 1, 42, -1.5, 0.1, 3.14, 1e21, 1e-7, 100) },
  fc.integer({ min: -100, max: 100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const isoAround = (now: number, spread: number) =>
  fc.integer({ min: -spread, max: spread }).map((d) => new Date(now + d).toISOString());
/** A stored instant as clients send it: any offset, sometimes microseconds. */
const instantAround = (now: number, spread: number) =>
  fc
    .tuple(
      fc.integer({ min: -spread, max: spread }),
      fc.integer({ min: -48, max: 56 }),
      fc.constantFrom('', '', '999', '000', '4567'),
    )
    .map(([d, quarters, micro]) => {
      const offset = quarters * 15;
      const local = new Date(now + d + offset * 60_000).toISOString().slice(0, 23);
      const sign = offset < 0 ? '-' : '+';
      const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
      const mm = String(Math.abs(offset) % 60).padStart(2, '0');
      return offset === 0 && micro === '' ? `${local}Z` : `${local}${micro}${sign}${hh}:${mm}`;
    });
const dateText = (now: number) =>
  fc.oneof(
    fc.constantFrom(
      '2024-02-29',
      '2023-02-28',
      '2023-03-01',
      '2000-02-29',
      '1992-02-29',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29T08:00Z',
      '2400-02-29',
      '2024-13-01',
      '1990-12-31T23:30:00-01:00',
      '2024-02-29T10:00Z',
      '2024-02-28T22:00:00.5-03:00',
      'not a date',
      '2024-02-29T24:00Z',
      '0001-01-01T00:00+14:00',
      '2024-2-3',
    ),
    isoAround(now, 400 * DAY),
    isoAround(now, 400 * DAY).map((iso) => iso.slice(0, 10)),
  );
const anyValue = (now: number): fc.Arbitrary<JsonValue> =>
  fc.oneof(
    text,
    num,
    fc.boolean(),
    dateText(now),
    fc.constant(null),
    fc.constant<JsonValue>([1, 'a']),
  );

const ATTRIBUTES = [
  'country',
  'plan',
  'ltv',
  'birthday',
  'vip',
  'address.city',
  'ñandú',
  'n',
  'plan.tier',
  // Keys that fold alike: string rules find them folded (the winner is jsonb's last duplicate).
  'Country',
  'País',
  'pais',
];
/** Mostly the expected type, sometimes dirty: the wrong JSON type must read as not set. */
const mostly = <T extends JsonValue>(own: fc.Arbitrary<T>, now: number): fc.Arbitrary<JsonValue> =>
  fc.oneof({ weight: 5, arbitrary: own }, anyValue(now));
const attributes = (now: number) =>
  fc.record(
    {
      country: mostly(text, now),
      plan: mostly(fc.constantFrom('Básico', 'basico', 'PRO', 'pro ', ''), now),
      ltv: mostly(num, now),
      birthday: mostly(dateText(now), now),
      vip: mostly(fc.boolean(), now),
      address: fc.oneof(fc.record({ city: mostly(text, now) }), anyValue(now)),
      ñandú: anyValue(now),
      n: mostly(fc.constantFrom('42', 42, '1e3', 1000, ' 7 ', 7), now),
      'plan.tier': mostly(text, now),
      Country: mostly(text, now),
      País: mostly(text, now),
      pais: mostly(text, now),
    },
    { requiredKeys: [] },
  );

const EVENTS = ['purchased', 'signed_up', 'Purchased'];
const event = (now: number): fc.Arbitrary<LeadEvent> =>
  fc.record({
    name: fc.constantFrom(...EVENTS),
    occurredAt: instantAround(now, 120 * DAY),
    properties: fc.record(
      {
        amount: mostly(num, now),
        family: mostly(fc.constantFrom('jerseys', 'Jerséys', 'camisetas', ''), now),
        coupon: mostly(fc.boolean(), now),
      },
      { requiredKeys: [] },
    ),
  });

export const lead = (now: number): fc.Arbitrary<LeadSnapshot> =>
  fc.record({
    key: fc.constant(''),
    name: text,
    email: fc.option(text),
    phone: fc.option(fc.constantFrom('', '+34 600 000 000', '555')),
    locale: fc.constantFrom('es', 'es-MX', 'en', ''),
    timeZone: fc.constantFrom('UTC', 'Europe/Madrid', 'America/Mexico_City'),
    stage: fc.constantFrom(...STAGES),
    consent: fc.record({ email: fc.boolean(), sms: fc.boolean(), call: fc.boolean() }),
    attributes: attributes(now),
    tags: fc.uniqueArray(fc.constantFrom('vip', 'VIP', 'newsletter', 'ñandú', "x'y"), {
      maxLength: 3,
    }),
    lists: fc.subarray(LISTS),
    createdAt: instantAround(now, 60 * DAY),
    updatedAt: isoAround(now, 60 * DAY),
    events: fc.array(event(now), { maxLength: 6 }),
  });

const valueFor = (type: ValueType, now: number): fc.Arbitrary<string | number | boolean> => {
  const own =
    type === 'string'
      ? text
      : type === 'number'
        ? num
        : type === 'boolean'
          ? fc.boolean()
          : dateText(now);
  return fc.oneof({ weight: 5, arbitrary: own }, text, num, fc.boolean());
};
const scalar = (type: ValueType, now: number) =>
  valueFor(type, now).map((v) => (typeof v === 'boolean' ? String(v) : v));

const comparison = (type: ValueType, now: number): fc.Arbitrary<Comparison> => {
  const textOps = type === 'string' ? 4 : 1;
  const orderOps = type === 'number' || type === 'date' ? 4 : 1;
  const dateOps = type === 'date' ? 4 : 1;
  return fc.oneof(
    fc.record({ op: fc.constantFrom('isSet' as const, 'isNotSet' as const) }),
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constantFrom('eq' as const, 'neq' as const),
        value: valueFor(type, now),
      }),
    },
    {
      weight: textOps,
      arbitrary: fc.record({
        op: fc.constantFrom(
          'contains' as const,
          'notContains' as const,
          'startsWith' as const,
          'endsWith' as const,
        ),
        value: fc.oneof(
          fc.constantFrom('ñ', 'Ñ', 'o', 'JOS', 'é', 'a', ' ', '', 'mu', 'AÑO', 'jers', 'ys'),
          text,
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constantFrom('in' as const, 'notIn' as const),
        values: fc.array(scalar(type, now), { maxLength: 5 }),
      }),
    },
    {
      weight: orderOps,
      arbitrary: fc.record({
        op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const),
        value: scalar(type, now),
      }),
    },
    {
      weight: orderOps,
      arbitrary: fc.record({
        op: fc.constant('between' as const),
        from: scalar(type, now),
        to: scalar(type, now),
      }),
    },
    {
      weight: dateOps,
      arbitrary: fc.record({
        op: fc.constantFrom('inLast' as const, 'notInLast' as const, 'inNext' as const),
        duration: fc.record({
          amount: fc.integer({ min: 0, max: 40 }),
          unit: fc.constantFrom(...TIME_UNITS),
        }),
      }),
    },
    {
      weight: dateOps,
      arbitrary: fc.record({
        op: fc.constant('anniversaryWithin' as const),
        days: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 366 })),
      }),
    },
  );
};

/** Attribute paths with the type their data mostly has; any other pairing now and then. */
const TYPED_PATHS: [string, ValueType][] = [
  ['country', 'string'],
  ['plan', 'string'],
  ['address.city', 'string'],
  ['plan.tier', 'string'],
  ['ltv', 'number'],
  ['n', 'number'],
  ['birthday', 'date'],
  ['vip', 'boolean'],
];

const typed = <T>(build: (type: ValueType) => fc.Arbitrary<T>) =>
  fc.constantFrom<ValueType>('string', 'number', 'boolean', 'date').chain(build);

const condition = (now: number): fc.Arbitrary<SegmentRule> =>
  fc.oneof(
    fc.constantFrom(...LEAD_FIELDS).chain((field) => {
      const type: ValueType = field === 'createdAt' || field === 'updatedAt' ? 'date' : 'string';
      return comparison(type, now).map((test): SegmentRule => ({ kind: 'field', field, test }));
    }),
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          { weight: 4, arbitrary: fc.constantFrom(...TYPED_PATHS) },
          fc.tuple(
            fc.constantFrom(...ATTRIBUTES),
            fc.constantFrom<ValueType>('string', 'number', 'boolean', 'date'),
          ),
        )
        .chain(([path, type]) =>
          comparison(type, now).map(
            (test): SegmentRule => ({ kind: 'attribute', path, type, test }),
          ),
        ),
    },
    fc
      .subarray([...STAGES], { minLength: 1 })
      .map((stages): SegmentRule => ({ kind: 'stage', in: stages })),
    fc
      .record({ channel: fc.constantFrom(...CONSENT_CHANNELS), granted: fc.boolean() })
      .map((r): SegmentRule => ({ kind: 'consent', ...r })),
    fc
      .record({ tag: fc.constantFrom('vip', 'VIP', 'ñandú', "x'y", 'nadie'), has: fc.boolean() })
      .map((r): SegmentRule => ({ kind: 'tag', ...r })),
    fc
      .record({
        listId: fc.constantFrom(
          LISTS[0] ?? '',
          (LISTS[1] ?? '').toUpperCase(),
          'not-a-uuid',
          randomUUID(),
        ),
        member: fc.boolean(),
      })
      .map((r): SegmentRule => ({ kind: 'list', ...r })),
    { weight: 2, arbitrary: eventRule(now) },
  );

function eventRule(now: number): fc.Arbitrary<SegmentRule> {
  const filter = typed((type) =>
    fc
      .record({
        property: fc.constantFrom('amount', 'family', 'coupon', 'family', 'amount'),
        test: comparison(type, now),
      })
      .map((r) => ({ ...r, type })),
  );
  const when = fc.oneof(
    fc.record({
      op: fc.constant('between' as const),
      from: isoAround(now, 90 * DAY),
      to: isoAround(now, 90 * DAY),
    }),
    fc.record({
      op: fc.constant('inLast' as const),
      duration: fc.record({
        amount: fc.integer({ min: 0, max: 12 }),
        unit: fc.constantFrom(...TIME_UNITS),
      }),
    }),
  );
  const count = fc.record({
    op: fc.constantFrom('atLeast' as const, 'atMost' as const, 'exactly' as const),
    n: fc.integer({ min: 0, max: 3 }),
  });
  return fc
    .record(
      { name: fc.constantFrom(...EVENTS), where: fc.array(filter, { maxLength: 2 }), when, count },
      { requiredKeys: ['name', 'where'] },
    )
    .map((r): SegmentRule => ({ kind: 'event', ...r }));
}

export const rule = (now: number): fc.Arbitrary<SegmentRule> =>
  fc.letrec<{ rule: SegmentRule }>((tie) => ({
    rule: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'segment' },
      { weight: 3, arbitrary: condition(now) },
      fc.record({
        kind: fc.constant('group' as const),
        combinator: fc.constantFrom('and' as const, 'or' as const),
        not: fc.boolean(),
        rules: fc.array(tie('rule'), { maxLength: 4 }),
      }),
    ),
  })).rule;
