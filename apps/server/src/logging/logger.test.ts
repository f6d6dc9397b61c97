import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './logger.ts';

describe('maskPersonalData', () => {
  it('masks e-mail addresses in paths, also URL-encoded ones', () => {
    expect(maskPersonalData('/api/v1/leads/ana.lopez@example.com/events')).toBe(
      '/api/v1/leads/[email]/events',
    );
    expect(maskPersonalData('/api/v1/leads/ana.lopez%40example.com')).toBe('/api/v1/leads/[email]');
  });

  it('masks the values of personal query parameters and keeps the others', () => {
    expect(maskPersonalData('/api/v1/leads?phone=%2B34600111222&limit=50&name=Ana')).toBe(
      '/api/v1/leads?phone=[redacted]&limit=50&name=[redacted]',
    );
  });

  it('leaves text without personal data unchanged', () => {
    expect(maskPersonalData('/api/v1/campaigns?status=draft')).toBe(
      '/api/v1/campaigns?status=draft',
    );
  });
});
