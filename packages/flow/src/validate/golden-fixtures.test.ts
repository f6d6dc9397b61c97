import { describe, expect, it } from 'vitest';
import { templates } from '../templates/templates.ts';
import type { Issue } from './issue.ts';
import { validateFlow } from './validate-flow.ts';

/**
 * Golden fixtures: every `tests/fixtures/flows/<case>.flow.json` validates to exactly the
 * issues in `<case>.issues.json`. New cases are picked up by adding the two files.
 */

// Vite's glob import, read as raw text: JSON.parse then behaves as a server reading storage
// (1e999 becomes Infinity) and a deeply nested case does not trip the bundler's JSON parser.
// Typed here so the package needs no vite/client types.
declare global {
  interface ImportMeta {
    glob(
      pattern: string,
      options: { eager: true; query: '?raw'; import: 'default' },
    ): Record<string, string>;
  }
}

const flows = import.meta.glob('../../../../tests/fixtures/flows/*.flow.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const expected = import.meta.glob('../../../../tests/fixtures/flows/*.issues.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const caseName = (path: string) => path.replace(/^.*\//, '').replace(/\.(flow|issues)\.json$/, '');
const cases = Object.entries(flows).map(([path, text]) => {
  const issues = expected[path.replace('.flow.json', '.issues.json')];
  return {
    name: caseName(path),
    text,
    issues: issues === undefined ? undefined : JSON.parse(issues),
  };
});

describe('golden flow fixtures', () => {
  it('has at least the two seed campaigns and ten edge cases, each with its expected issues', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) expect(c.issues, `${c.name}.issues.json`).toBeDefined();
  });

  it.each(cases)('validates $name to exactly the expected issues', ({ text, issues }) => {
    const result = validateFlow(JSON.parse(text));
    const actual: Issue[] = JSON.parse(JSON.stringify(result.issues));
    expect(actual).toEqual(issues);
  });

  it('keeps the seed fixtures equal to the templates they come from', () => {
    for (const id of ['seed-free-sample', 'seed-saas-trial']) {
      const fixture = JSON.parse(cases.find((c) => c.name === id)?.text ?? 'null');
      const template = templates.find((t) => t.id === id);
      expect(fixture, id).toEqual(JSON.parse(JSON.stringify(template?.build('es'))));
    }
  });
});
