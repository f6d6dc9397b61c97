import { base, en, es, es_MX, Faker } from '@faker-js/faker';
import type { JsonValue, Stage } from '@rumbo/flow';
import {
  FAMILIES,
  MEXICAN_CITIES,
  PLANS,
  PURCHASES_BY_STAGE,
  SPANISH_CITIES,
  STAGE_WEIGHTS,
} from './demo-catalogue.ts';

/**
 * The demo audience: Spanish and Mexican customers of a clothing shop, generated from a
 * fixed seed so every install shows the same people. Dates are offsets from `now` (taken
 * from PostgreSQL), so the history always looks recent.
 */

export interface DemoLead {
  id: string;
  externalKey: string;
  name: string;
  email: string;
  phone: string;
  locale: 'es-ES' | 'es-MX';
  timeZone: 'Europe/Madrid' | 'America/Mexico_City';
  stage: Stage;
  consentEmail: boolean;
  consentSms: boolean;
  consentCall: boolean;
  attributes: { [key: string]: JsonValue };
  tags: string[];
  createdAt: Date;
}

export interface DemoEvent {
  leadId: string;
  name: 'signed_up' | 'purchased' | 'cart_abandoned';
  occurredAt: Date;
  properties: { [key: string]: JsonValue };
  sourceId: string;
}

export interface DemoAudience {
  leads: DemoLead[];
  events: DemoEvent[];
}

export const DEMO_SEED = 20_260_501;
export const DEMO_LEAD_COUNT = 2_000;

const DAY_MS = 86_400_000;

const SURNAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);

/** One surname: faker's Spanish lists sometimes hold compound ones ("de la Fuente Soto"). */
function surname(faker: Faker): string {
  const words = faker.person.lastName().split(' ');
  return words.find((word) => !SURNAME_PARTICLES.has(word.toLowerCase())) ?? words[0] ?? 'García';
}

/** A mobile number in E.164: Spain 6xx xxx xxx; Mexico area code + local number (10 digits). */
function mobilePhone(faker: Faker, country: 'ES' | 'MX', areaCode: string): string {
  if (country === 'ES') return `+346${faker.string.numeric(8)}`;
  return `+52${areaCode}${faker.string.numeric(10 - areaCode.length)}`;
}

// Reserved example domains (RFC 2606): a demo must never e-mail real people by accident.
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface Market {
  faker: Faker;
  country: 'ES' | 'MX';
  countryName: string;
  locale: DemoLead['locale'];
  timeZone: DemoLead['timeZone'];
  currency: 'EUR' | 'MXN';
  rate: number;
}

function markets(seed: number, now: Date): [Market, Market] {
  const spain = new Faker({ locale: [es, en, base], seed });
  const mexico = new Faker({ locale: [es_MX, es, en, base], seed: seed + 1 });
  spain.setDefaultRefDate(now);
  mexico.setDefaultRefDate(now);
  return [
    {
      faker: spain,
      country: 'ES',
      countryName: 'España',
      locale: 'es-ES',
      timeZone: 'Europe/Madrid',
      currency: 'EUR',
      rate: 1,
    },
    {
      faker: mexico,
      country: 'MX',
      countryName: 'México',
      locale: 'es-MX',
      timeZone: 'America/Mexico_City',
      currency: 'MXN',
      rate: 20,
    },
  ];
}

function purchases(market: Market, lead: DemoLead, count: number, now: Date): DemoEvent[] {
  const f = market.faker;
  const events: DemoEvent[] = [];
  for (let i = 0; i < count; i++) {
    const item = f.helpers.arrayElement(FAMILIES);
    const amount = Math.round(f.number.float({ min: item.min, max: item.max }) * market.rate * 100);
    events.push({
      leadId: lead.id,
      name: 'purchased',
      occurredAt: f.date.between({ from: lead.createdAt, to: now }),
      properties: {
        amount: amount / 100,
        currency: market.currency,
        family: item.family,
        orderId: `${market.country}-${f.string.numeric(8)}`,
      },
      sourceId: `demo-order-${lead.externalKey}-${i + 1}`,
    });
  }
  return events;
}

function abandonedCarts(market: Market, lead: DemoLead, now: Date): DemoEvent[] {
  const f = market.faker;
  if (!f.datatype.boolean({ probability: 0.15 })) return [];
  const item = f.helpers.arrayElement(FAMILIES);
  const amount = Math.round(f.number.float({ min: item.min, max: item.max }) * market.rate * 100);
  return [
    {
      leadId: lead.id,
      name: 'cart_abandoned',
      occurredAt: f.date.recent({ days: 60, refDate: now }),
      properties: { amount: amount / 100, currency: market.currency, family: item.family },
      sourceId: `demo-cart-${lead.externalKey}`,
    },
  ];
}

function demoLead(market: Market, index: number, now: Date, usedEmails: Set<string>): DemoLead {
  const f = market.faker;
  const firstName = f.person.firstName();
  const first = surname(f);
  const lastName = `${first} ${surname(f)}`;
  let email = f.internet
    .email({ firstName, lastName: first, provider: f.helpers.arrayElement(MAIL_DOMAINS) })
    .toLowerCase();
  if (usedEmails.has(email)) email = email.replace('@', `.${index}@`);
  usedEmails.add(email);
  const stage = f.helpers.weightedArrayElement(STAGE_WEIGHTS);
  const [city, state, areaCode] =
    market.country === 'ES'
      ? [...f.helpers.weightedArrayElement(SPANISH_CITIES), '']
      : f.helpers.weightedArrayElement(MEXICAN_CITIES);
  const consentEmail = f.datatype.boolean({ probability: 0.85 });
  return {
    id: f.string.uuid(),
    externalKey: `CLI-${String(index + 1).padStart(5, '0')}`,
    name: `${firstName} ${lastName}`,
    email,
    phone: mobilePhone(f, market.country, areaCode),
    locale: market.locale,
    timeZone: market.timeZone,
    stage,
    consentEmail,
    consentSms: f.datatype.boolean({ probability: 0.55 }),
    consentCall: f.datatype.boolean({ probability: 0.4 }),
    attributes: {
      country: market.country,
      countryName: market.countryName,
      state,
      city,
      birthday: isoDate(f.date.birthdate({ mode: 'age', min: 18, max: 75 })),
      plan: f.helpers.weightedArrayElement(PLANS),
      currency: market.currency,
      newsletter: consentEmail && f.datatype.boolean({ probability: 0.6 }),
    },
    tags: [],
    createdAt: f.date.between({
      from: now.getTime() - 3 * 365 * DAY_MS,
      to: now.getTime() - DAY_MS,
    }),
  };
}

/** ~60 % Spain, ~40 % Mexico; the same `seed` and `now` always give the same audience. */
export function generateDemoAudience(options: {
  seed?: number;
  count?: number;
  now: Date;
}): DemoAudience {
  const { seed = DEMO_SEED, count = DEMO_LEAD_COUNT, now } = options;
  const [spain, mexico] = markets(seed, now);
  const chooser = new Faker({ locale: [base], seed: seed + 2 });
  const usedEmails = new Set<string>();
  const leads: DemoLead[] = [];
  const events: DemoEvent[] = [];
  for (let index = 0; index < count; index++) {
    const market = chooser.datatype.boolean({ probability: 0.6 }) ? spain : mexico;
    const lead = demoLead(market, index, now, usedEmails);
    const [min, max] = PURCHASES_BY_STAGE[lead.stage];
    const bought = purchases(market, lead, market.faker.number.int({ min, max }), now);
    const lifetimeValue = bought.reduce((sum, e) => sum + Number(e.properties.amount), 0);
    lead.attributes.lifetimeValue = Math.round(lifetimeValue * 100) / 100;
    lead.attributes.orders = bought.length;
    if (lifetimeValue > 400 * market.rate) lead.tags.push('vip');
    if (lead.attributes.newsletter === true) lead.tags.push('newsletter');
    leads.push(lead);
    events.push(
      {
        leadId: lead.id,
        name: 'signed_up',
        occurredAt: lead.createdAt,
        properties: {
          source: market.faker.helpers.arrayElement(['web', 'tienda', 'evento', 'referido']),
        },
        sourceId: `demo-signup-${lead.externalKey}`,
      },
      ...bought,
      ...abandonedCarts(market, lead, now),
    );
  }
  return { leads, events };
}
