import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language.ts';

describe('pickLanguage', () => {
  it('keeps the language the user chose before, whatever the browser prefers', () => {
    expect(pickLanguage('en', ['es-ES'])).toBe('en');
    expect(pickLanguage('es', ['en-US'])).toBe('es');
  });

  it('shows Spanish when the browser prefers any Spanish variant', () => {
    expect(pickLanguage(null, ['es-MX', 'en'])).toBe('es');
    expect(pickLanguage(null, ['ES'])).toBe('es');
  });

  it('takes the first shipped language in the browser order', () => {
    expect(pickLanguage(null, ['fr-FR', 'es', 'en'])).toBe('es');
    expect(pickLanguage(null, ['de', 'en-GB', 'es'])).toBe('en');
  });

  it('falls back to English for unknown stored values and unshipped browser languages', () => {
    expect(pickLanguage('fr', ['de-DE', 'pt-BR'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
