import type { CampaignSummary } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { filterCampaigns, filterFromSearch } from './campaign-filter.ts';

const campaign = (
  code: string,
  name: string,
  status: CampaignSummary['status'],
  description = '',
): CampaignSummary => ({
  id: '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b',
  code,
  name,
  description,
  status,
  mode: 'test',
  nodeCount: 3,
  publishedVersion: null,
  activeLeads: 0,
  updatedAt: '2026-03-10T12:00:00.000Z',
});

const list = [
  campaign('MUE001', 'Muestra gratuita', 'draft', 'Reseña y opción de compra'),
  campaign('SAAS01', 'Prueba gratuita SaaS', 'active'),
  campaign('BDAY', 'Cumpleaños', 'archived'),
];
const codes = (items: CampaignSummary[]) => items.map((item) => item.code);

describe('filterCampaigns', () => {
  it('keeps every campaign when there is no query and no status', () => {
    expect(codes(filterCampaigns(list, { query: '  ', status: null }))).toEqual([
      'MUE001',
      'SAAS01',
      'BDAY',
    ]);
  });

  it('finds campaigns whatever the accents and capitals the user types', () => {
    expect(codes(filterCampaigns(list, { query: 'CUMPLEANOS', status: null }))).toEqual(['BDAY']);
    expect(codes(filterCampaigns(list, { query: 'resena', status: null }))).toEqual(['MUE001']);
  });

  it('matches every word, in code, name or description', () => {
    expect(codes(filterCampaigns(list, { query: 'gratuita saas', status: null }))).toEqual([
      'SAAS01',
    ]);
    expect(codes(filterCampaigns(list, { query: 'mue001', status: null }))).toEqual(['MUE001']);
  });

  it('keeps only the chosen status', () => {
    expect(codes(filterCampaigns(list, { query: 'gratuita', status: 'draft' }))).toEqual([
      'MUE001',
    ]);
  });
});

describe('filterFromSearch', () => {
  it('reads the query and a known status from the URL and ignores an unknown status', () => {
    expect(filterFromSearch(new URLSearchParams('q=prueba&status=active'))).toEqual({
      query: 'prueba',
      status: 'active',
    });
    expect(filterFromSearch(new URLSearchParams('status=deleted'))).toEqual({
      query: '',
      status: null,
    });
  });
});
