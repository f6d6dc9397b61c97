import { PROBLEM_CODES } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import { describeApiError } from './api-error.ts';

describe.each(['es', 'en'] as const)('describeApiError in %s', (language) => {
  const i18n = createI18n(language);
  const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params ?? {});
  const generic = (code: string) => t('errors.problem', { code, status: 500 });

  it.each(PROBLEM_CODES)('has its own sentence for the server code %s', (code) => {
    const message = describeApiError({ kind: 'problem', status: 500, code }, t);
    expect(message).not.toBe(generic(code));
    expect(message).not.toContain('errors.');
  });

  it('falls back to a sentence naming an unknown code and its status', () => {
    const message = describeApiError({ kind: 'problem', status: 500, code: 'brand_new' }, t);
    expect(message).toBe(generic('brand_new'));
    expect(message).toContain('brand_new');
  });
});
