import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignSummary } from '@rumbo/flow';

export interface CampaignFilter {
  /** Free text matched against code, name and description. */
  query: string;
  /** One status, or null for every status. */
  status: CampaignStatus | null;
}

/** Lower case without accents, so "campana" finds "Campaña" and "prospecto" finds "PROSPECTO". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The campaigns that match every word of the query (in any field) and the status, in order. */
export function filterCampaigns(
  campaigns: readonly CampaignSummary[],
  filter: CampaignFilter,
): CampaignSummary[] {
  const words = foldText(filter.query).split(/\s+/).filter(Boolean);
  return campaigns.filter((campaign) => {
    if (filter.status !== null && campaign.status !== filter.status) return false;
    const haystack = foldText(`${campaign.code} ${campaign.name} ${campaign.description}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** Reads the filter from the page's URL (`?q=…&status=…`); unknown statuses are ignored. */
export function filterFromSearch(params: URLSearchParams): CampaignFilter {
  const status = params.get('status');
  return {
    query: params.get('q') ?? '',
    status: CAMPAIGN_STATUSES.find((known) => known === status) ?? null,
  };
}
