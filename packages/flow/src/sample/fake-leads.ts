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

const pick = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
};

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

/** Lower case ASCII for the local part of an email: "Íñigo Núñez" → "inigo.nunez". */
function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(rng.next() * 10));
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 18–72 years old (born at least 19 calendar years ago); days 1–28 so every month has them (Date objects cost ~1 µs per lead). */
function birthday(rng: Rng, thisYear: number): string {
  const year = thisYear - 19 - Math.floor(rng.next() * 54);
  const month = 1 + Math.floor(rng.next() * 12);
  const day = 1 + Math.floor(rng.next() * 28);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

function fullName(rng: Rng, locale: SampleLocale): string {
  if (locale === 'en') return `${pick(rng, ENGLISH_FIRST_NAMES)} ${pick(rng, ENGLISH_SURNAMES)}`;
  // Spanish speakers carry two surnames; many forms only hold the first one.
  const first = `${pick(rng, SPANISH_FIRST_NAMES)} ${pick(rng, SPANISH_SURNAMES)}`;
  return rng.next() < 0.6 ? `${first} ${pick(rng, SPANISH_SURNAMES)}` : first;
}

function attributes(rng: Rng, place: Place, stage: Stage, thisYear: number) {
  const result: { [key: string]: JsonValue } = {
    country: place.country,
    city: place.city,
    plan: pick(rng, PLANS),
    favouriteFamily: pick(rng, FAMILIES),
  };
  // About one lead in ten never gave a birthday: birthday waits must cope with it.
  if (rng.next() < 0.9) result.birthday = birthday(rng, thisYear);
  if (stage === 'customer' || stage === 'inactive') {
    result.lifetimeValue = Math.round(20 + rng.next() * rng.next() * 2_000);
  }
  return result;
}

/** What every lead of one run shares: the year, the sign-up dates, the email local parts. */
interface Shared {
  thisYear: number;
  /** ISO instants of the last 720 days, drawn from instead of formatting a Date per lead. */
  createdDays: string[];
  emailParts: Map<string, string>;
}

function sharedFor(now: number): Shared {
  const createdDays: string[] = [];
  for (let d = 0; d < 720; d++) createdDays.push(new Date(now - d * DAY_MS).toISOString());
  return { thisYear: new Date(now).getUTCFullYear(), createdDays, emailParts: new Map() };
}

function emailPartOf(shared: Shared, name: string): string {
  let part = shared.emailParts.get(name);
  if (part === undefined) {
    part = emailPart(name);
    shared.emailParts.set(name, part);
  }
  return part;
}

function fakeLead(rng: Rng, spec: FakeLeadSpec, index: number, shared: Shared): LeadSnapshot {
  const { locale } = spec;
  const name = fullName(rng, locale);
  const place = pick(rng, locale === 'es' ? SPANISH_PLACES : ENGLISH_PLACES);
  const stage = weighted(rng, STAGE_WEIGHTS);
  const hasEmail = rng.next() < 0.95;
  const hasPhone = rng.next() < 0.8;
  const email = `${emailPartOf(shared, name)}${rng.next() < 0.4 ? pad(index % 100, 2) : ''}@${pick(rng, EMAIL_DOMAINS[locale])}`;
  const created = pick(rng, shared.createdDays);
  return {
    key: `fake-${locale}-${pad(index + 1, 6)}`,
    name,
    email: hasEmail ? email : null,
    phone: hasPhone ? `${place.phonePrefix}${digits(rng, place.phoneDigits)}` : null,
    locale: place.locale,
    timeZone: place.timeZone,
    stage,
    consent: {
      email: hasEmail && rng.next() < 0.88,
      sms: hasPhone && rng.next() < 0.55,
      call: hasPhone && rng.next() < 0.45,
    },
    attributes: attributes(rng, place, stage, shared.thisYear),
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
  const shared = sharedFor(now);
  const leads: LeadSnapshot[] = [];
  for (let i = 0; i < spec.count; i++) {
    leads.push(fakeLead(rng, spec, i, shared));
    if ((i & 8191) === 8191 && onProgress(i + 1) === false) return null;
  }
  return leads;
}
