import { describe, expect, it } from 'vitest';
import legacyFixture from '../../../../tests/fixtures/flows/legacy-v0.flow.json' with {
  type: 'json',
};
import { validateFlow } from '../validate/validate-flow.ts';
import { CURRENT_SCHEMA_VERSION } from './flow.schema.ts';
import { FLOW_MIGRATIONS, migrateFlowDocument } from './migrate.ts';

/** A fresh copy per test, as if read from storage. */
const legacy = (): unknown => JSON.parse(JSON.stringify(legacyFixture));

describe('migrateFlowDocument', () => {
  it('moves the legacy v0 fixture to the current version through the named migration', () => {
    const result = migrateFlowDocument(legacy());
    expect(result.applied).toEqual(['v0-activities-to-nodes']);
    expect(result.issues).toEqual([]);
    expect(result.document).toMatchObject({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      settings: { code: 'LEG001' },
      nodes: [
        { id: 'start', type: 'entry', name: 'Entrada' },
        { id: 'hello', type: 'email', cost: 0.02 },
        { id: 'done', type: 'exit', name: 'Fin', config: {} },
      ],
      transitions: [
        {
          id: 'e1',
          source: 'start',
          target: 'hello',
          trigger: { kind: 'delay', amount: 2, unit: 'hours' },
        },
        { id: 'e2', trigger: { kind: 'signal', signal: 'opened' } },
        { id: 'e3', trigger: { kind: 'timeout', amount: 5, unit: 'days' } },
      ],
      layout: { nodes: { hello: { x: 280, y: 0 } } },
    });
  });

  it('validates a migrated legacy document with no issues and says which migrations ran', () => {
    const result = validateFlow(legacy());
    expect(result.issues).toEqual([]);
    expect(result.migrations).toEqual(['v0-activities-to-nodes']);
    expect(result.document?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('leaves a current document untouched', () => {
    const doc = { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [] };
    expect(migrateFlowDocument(doc)).toEqual({ document: doc, applied: [], issues: [] });
  });

  it('reports a version from the future instead of guessing', () => {
    const result = migrateFlowDocument({ schemaVersion: 99 });
    expect(result.issues.map((i) => [i.code, i.params])).toEqual([
      ['schema_version_unsupported', { version: 99, current: CURRENT_SCHEMA_VERSION }],
    ]);
  });

  it('chains migrations without gaps up to the current version', () => {
    let version = 0;
    for (const m of FLOW_MIGRATIONS) {
      expect(m.from).toBe(version);
      version = m.to;
    }
    expect(version).toBe(CURRENT_SCHEMA_VERSION);
  });
});
