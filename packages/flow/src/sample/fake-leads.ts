import { z } from 'zod';
import type { JsonValue, LeadSnapshot, Stage } from '../lead/lead.schema.ts';
import { createRng, type Rng } from '../simulate/rng.ts';
import {
  EMAIL_DOMAINS,
  ENGLISH_FIRST_NAMES,
  ENGLISH_PLACES,
  ENGLISH_SURNAMES,
  FAMILIES,
  PLANS,
  type Place,
  SPANISH_FIRST_NAMES,
  SPANISH_PLACES,
  SPANISH_SURNAMES,
} from './sample-names.ts';

/** The most fake leads one request may ask for (the browser bench runs 100,000). */
export const MAX_FAKE_LEADS = 200_000;

export const SampleLocale = z.enum(['es', 'en']);
export type SampleLocale = z.infer<typeof SampleLocale>;

/** "N realistic fake leads in Spanish or English from this seed": the same spec, the same leads. */
export const FakeLeadSpec = z.object({
  count: z.number().int().min(1).max(MAX_FAKE_LEADS),
  locale: SampleLocale,
  seed: z.string().min(1).max(200),
});
export type FakeLeadSpec = z.infer<typeof FakeLeadSpec>;

const DAY_MS = 86_400_000;
const STAGE_WEIGHTS: readonly [Stage, number][] = [
  ['prospect', 0.3],
  ['lead', 0.35],
  ['opportunity', 0.12],
  ['customer', 0.18],
  ['inactive', 0.05],
];

function weighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  let r = rng.next();
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new RangeError('weighted pick from an empty list');
  return last[0];
}

/** `items[i]` for an index the caller drew in range: a miss is a bug in the tables, not input. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item ${index} in a list of ${items.length}`);
  return item;
}

/** The index `pick` used to choose: one draw, scaled to the list (the draw order is the contract). */
const draw = (rng: Rng, length: number): number => Math.floor(rng.next() * length);

/** Lower case ASCII for the local part of an email: "Íñigo Núñez" → "inigo.nunez". */
function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** "00" … "99": the suffix some emails carry. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const BIRTH_YEARS = 54;
/** "-01-01" … "-12-28", indexed month × 28 + day: birthdays use days 1–28 so every month has them. */
const MONTH_DAYS: readonly string[] = Array.from(
  { length: 12 * 28 },
  (_, i) => `-${pad(1 + Math.floor(i / 28), 2)}-${pad(1 + (i % 28), 2)}`,
);

/**
 * What every lead of one run shares, built once so a lead costs a few table reads instead of
 * formatting dates and folding accents: the name lists of the locale, the sign-up instants,
 * the birth years, and each full name with its email local part, made the first time it is drawn.
 */
interface Shared {
  firstNames: readonly string[];
  surnames: readonly string[];
  /** `emailPart` of each first name and surname, to join with dots (see `drawPerson`). */
  firstParts: readonly string[];
  surnameParts: readonly string[];
  places: readonly Place[];
  domains: readonly string[];
  keyPrefix: string;
  /** ISO instants of the last 720 days. */
  createdDays: string[];
  /** 18–72 years old: born at least 19 calendar years ago. */
  birthYears: string[];
  /** Indexed (first × surnames + surname) × (surnames + 1) + second surname + 1 (0 = none). */
  people: (Person | undefined)[];
}

interface Person {
  name: string;
  /** Its email local part, folded once per name rather than once per lead. */
  emailPart: string;
}

function sharedFor(locale: SampleLocale, now: number): Shared {
  const createdDays: string[] = [];
  for (let d = 0; d < 720; d++) createdDays.push(new Date(now - d * DAY_MS).toISOString());
  const thisYear = new Date(now).getUTCFullYear();
  const birthYears: string[] = [];
  for (let k = 0; k < BIRTH_YEARS; k++) birthYears.push(String(thisYear - 19 - k));
  const es = locale === 'es';
  const firstNames = es ? SPANISH_FIRST_NAMES : ENGLISH_FIRST_NAMES;
  const surnames = es ? SPANISH_SURNAMES : ENGLISH_SURNAMES;
  return {
    firstNames,
    surnames,
    firstParts: firstNames.map(emailPart),
    surnameParts: surnames.map(emailPart),
    places: es ? SPANISH_PLACES : ENGLISH_PLACES,
    domains: EMAIL_DOMAINS[locale],
    keyPrefix: `fake-${locale}-`,
    createdDays,
    birthYears,
    people: [],
  };
}

/** Draws a full name: the first name, a surname and, in Spanish, maybe a second one. */
function drawPerson(rng: Rng, locale: SampleLocale, shared: Shared): Person {
  const { firstNames, surnames, people } = shared;
  const first = draw(rng, firstNames.length);
  const surname = draw(rng, surnames.length);
  // Spanish speakers carry two surnames; many forms only hold the first one.
  const second = locale === 'es' && rng.next() < 0.6 ? 1 + draw(rng, surnames.length) : 0;
  const slot = (first * surnames.length + surname) * (surnames.length + 1) + second;
  const known = people[slot];
  if (known) return known;
  const two = `${at(firstNames, first)} ${at(surnames, surname)}`;
  const name = second === 0 ? two : `${two} ${at(surnames, second - 1)}`;
  // Folding "A B C" gives fold(A).fold(B).fold(C) whenever no part folds to nothing: the space
  // and any punctuation around it collapse into the one dot. Joining saves ~26,000 folds per run.
  const parts = [at(shared.firstParts, first), at(shared.surnameParts, surname)];
  if (second !== 0) parts.push(at(shared.surnameParts, second - 1));
  const person = { name, emailPart: parts.includes('') ? emailPart(name) : parts.join('.') };
  people[slot] = person;
  return person;
}

/** `count` decimal digits, one draw each, most significant first (10 digits stay exact in a double). */
function digits(rng: Rng, count: number): string {
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 10 + Math.floor(rng.next() * 10);
  return pad(value, count);
}

function attributes(rng: Rng, place: Place, stage: Stage, shared: Shared) {
  const result: { [key: string]: JsonValue } = {
    country: place.country,
    city: place.city,
    plan: at(PLANS, draw(rng, PLANS.length)),
    favouriteFamily: at(FAMILIES, draw(rng, FAMILIES.length)),
  };
  // About one lead in ten never gave a birthday: birthday waits must cope with it.
  if (rng.next() < 0.9) {
    const year = at(shared.birthYears, draw(rng, BIRTH_YEARS));
    const month = draw(rng, 12);
    result.birthday = year + at(MONTH_DAYS, month * 28 + draw(rng, 28));
  }
  if (stage === 'customer' || stage === 'inactive') {
    result.lifetimeValue = Math.round(20 + rng.next() * rng.next() * 2_000);
  }
  return result;
}

/** One lead; every draw happens in the same order as ever, so a seed keeps its leads (fixture test). */
function fakeLead(rng: Rng, locale: SampleLocale, index: number, shared: Shared): LeadSnapshot {
  const person = drawPerson(rng, locale, shared);
  const place = at(shared.places, draw(rng, shared.places.length));
  const stage = weighted(rng, STAGE_WEIGHTS);
  const hasEmail = rng.next() < 0.95;
  const hasPhone = rng.next() < 0.8;
  const suffix = rng.next() < 0.4 ? at(TWO_DIGITS, index % 100) : '';
  const domain = at(shared.domains, draw(rng, shared.domains.length));
  const created = at(shared.createdDays, draw(rng, shared.createdDays.length));
  return {
    key: shared.keyPrefix + pad(index + 1, 6),
    name: person.name,
    email: hasEmail ? `${person.emailPart}${suffix}@${domain}` : null,
    phone: hasPhone ? place.phonePrefix + digits(rng, place.phoneDigits) : null,
    locale: place.locale,
    timeZone: place.timeZone,
    stage,
    consent: {
      email: hasEmail && rng.next() < 0.88,
      sms: hasPhone && rng.next() < 0.55,
      call: hasPhone && rng.next() < 0.45,
    },
    attributes: attributes(rng, place, stage, shared),
    tags: rng.next() < 0.25 ? ['newsletter'] : [],
    lists: [],
    createdAt: created,
    updatedAt: created,
    events: [],
  };
}

/**
 * Realistic fake leads (Spanish and Mexican, or English-speaking) for a simulation: names,
 * emails, phones, cities and time zones, stages, consent per channel, birthdays and a few
 * attributes. Deterministic: the same spec and `now` give the same leads in Node and in every
 * browser (seeded sfc32, no `Math.random`). `now` (epoch ms) anchors birthdays and sign-up dates.
 *
 * @example
 * const leads = generateFakeLeads({ count: 1000, locale: 'es', seed: 'review-1' }, Date.parse('2026-12-01'));
 */
export function generateFakeLeads(spec: FakeLeadSpec, now: number): LeadSnapshot[] {
  return generateFakeLeadsWithProgress(spec, now, () => true) ?? [];
}

/**
 * `generateFakeLeads` for a long sample in a worker: `onProgress` hears every 8,192 leads how
 * many are done and may return false to stop early (then the answer is null).
 */
export function generateFakeLeadsWithProgress(
  spec: FakeLeadSpec,
  now: number,
  onProgress: (done: number) => boolean | undefined,
): LeadSnapshot[] | null {
  const rng = createRng(`fake-leads:${spec.locale}:${spec.seed}`);
  const shared = sharedFor(spec.locale, now);
  const leads: LeadSnapshot[] = [];
  for (let i = 0; i < spec.count; i++) {
    leads.push(fakeLead(rng, spec.locale, i, shared));
    if ((i & 8191) === 8191 && onProgress(i + 1) === false) return null;
  }
  return leads;
}
