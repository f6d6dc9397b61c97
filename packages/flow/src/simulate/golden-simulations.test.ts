import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../document/flow.schema.ts';
import type { LeadSnapshot, Stage } from '../lead/lead.schema.ts';
import { templates } from '../templates/templates.ts';
import { validateFlow } from '../validate/validate-flow.ts';
import { defaultAssumptions } from './assumptions.ts';
import { createRng } from './rng.ts';
import { simulate } from './simulate.ts';

/**
 * Golden simulation summaries: every fixture flow the validator turns into a document, and
 * every template, simulated with fixed leads, seed and dates; the result must equal
 * `tests/fixtures/flows/<case>.sim.json` byte for byte. After an intended change, regenerate
 * with `pnpm exec vitest run --project unit -u packages/flow/src/simulate/golden` and review
 * the diff like any other code change.
 */

declare global {
  interface ImportMeta {
    glob(
      pattern: string,
      options: { eager: true; query: '?raw'; import: 'default' },
    ): Record<string, string>;
  }
}

const FIXTURES = '../../../../tests/fixtures/flows/';
const flows = import.meta.glob('../../../../tests/fixtures/flows/*.flow.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const STAGES: Stage[] = ['prospect', 'lead', 'opportunity', 'customer', 'inactive'];
const COUNTRIES = ['ES', 'MX', 'AR', 'US', 'CO'];

/** 400 varied leads from a fixed seed: stages, consent gaps, countries, birthdays, values. */
function goldenLeads(): LeadSnapshot[] {
  const rng = createRng('golden-leads');
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rng.next() * values.length)] as T;
  return Array.from({ length: 400 }, (_, i) => {
    const month = String(1 + Math.floor(rng.next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rng.next() * 28)).padStart(2, '0');
    return {
      key: `golden-${i}`,
      name: `Lead ${i}`,
      email: rng.next() < 0.95 ? `lead${i}@example.com` : null,
      phone: rng.next() < 0.8 ? `+3460000${String(i).padStart(4, '0')}` : null,
      locale: rng.next() < 0.7 ? 'es' : 'en',
      timeZone: pick(['Europe/Madrid', 'America/Mexico_City', 'America/Bogota', 'UTC']),
      stage: pick(STAGES),
      consent: { email: rng.next() < 0.9, sms: rng.next() < 0.7, call: rng.next() < 0.6 },
      attributes: {
        country: pick(COUNTRIES),
        birthday: `19${70 + Math.floor(rng.next() * 30)}-${month}-${day}`,
        lifetimeValue: Math.round(rng.next() * 2000),
        plan: pick(['free', 'trial', 'pro']),
      },
      tags: rng.next() < 0.2 ? ['vip'] : [],
      lists: [],
      createdAt: '2026-01-15T10:00:00Z',
      updatedAt: '2026-11-01T10:00:00Z',
      events: [],
    };
  });
}

const leads = goldenLeads();
const options = {
  seed: 'golden',
  start: Date.parse('2026-12-01T09:00:00Z'),
  horizonDays: 45,
  traceLeads: 3,
};

function summary(flow: FlowDocument): string {
  const { result, issues } = simulate({
    flow,
    leads,
    assumptions: defaultAssumptions(flow),
    options,
  });
  return `${formatJson(result ? result : { issues })}\n`;
}

const WIDTH = 100;

/**
 * JSON laid out as the repository's formatter (Biome) lays it out — objects one key per line,
 * arrays of scalars on one line when they fit — so `pnpm format` leaves the goldens alone.
 */
function formatJson(value: unknown, indent = '', prefix = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (indent.length + prefix.length + flat.length + 1 <= WIDTH) return flat;
    }
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return `${inner}${key}${formatJson(v, inner, key)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

const fixtureCases = Object.entries(flows).flatMap(([path, text]) => {
  const name = path.replace(/^.*\//, '').replace(/\.flow\.json$/, '');
  const { document } = validateFlow(JSON.parse(text));
  return document ? [{ name, flow: document }] : [];
});
const fixtureNames = new Set(fixtureCases.map((c) => c.name));
const templateCases = templates
  .filter((t) => !fixtureNames.has(t.id))
  .map((t) => ({ name: `template-${t.id}`, flow: t.build('es') }));
const cases = [...fixtureCases, ...templateCases];

describe('golden simulations', () => {
  it('covers both seed campaigns and every template', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(names.has('seed-free-sample')).toBe(true);
    expect(names.has('seed-saas-trial')).toBe(true);
    for (const t of templates) {
      expect(names.has(t.id) || names.has(`template-${t.id}`), t.id).toBe(true);
    }
  });

  it.each(cases)('simulates $name to its golden summary', async ({ name, flow }) => {
    await expect(summary(flow)).toMatchFileSnapshot(`${FIXTURES}${name}.sim.json`);
  });

  it('gives the same summary when run twice', () => {
    const flow = cases[0]?.flow;
    if (!flow) throw new Error('no fixture');
    expect(summary(flow)).toBe(summary(flow));
  });
});
