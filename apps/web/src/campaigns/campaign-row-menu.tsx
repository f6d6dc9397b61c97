import type { CampaignSummary } from '@rumbo/flow';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../session/session.api.ts';

export interface RowActions {
  onExport: (campaign: CampaignSummary) => void;
  onArchive: (campaign: CampaignSummary) => void;
  onUnarchive: (campaign: CampaignSummary) => void;
}

/** "⋯" per row: export, copy, archive (asks first) or bring back. A `<details>` needs no script to open. */
export function CampaignRowMenu({
  campaign,
  actions,
}: {
  campaign: CampaignSummary;
  actions: RowActions;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const menu = useRef<HTMLDetailsElement>(null);
  const run = (action: () => void) => () => {
    if (menu.current) menu.current.open = false;
    action();
  };
  const archived = campaign.archivedAt !== null && campaign.archivedAt !== undefined;
  // Copying and archiving are changes; a role that may not edit only exports.
  const canEdit = useCan('edit');
  return (
    <details className="row-menu" ref={menu}>
      <summary aria-label={t('campaigns.actions.menu', { name: campaign.name })}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="5" cy="12" r="1.8" fill="currentColor" />
          <circle cx="12" cy="12" r="1.8" fill="currentColor" />
          <circle cx="19" cy="12" r="1.8" fill="currentColor" />
        </svg>
      </summary>
      <div className="row-menu__items">
        <button type="button" onClick={run(() => actions.onExport(campaign))}>
          {t('campaigns.actions.export')}
        </button>
        {canEdit ? (
          <button
            type="button"
            onClick={run(() => void navigate(`/campaigns/new?from=clone&source=${campaign.id}`))}
          >
            {t('campaigns.actions.copy')}
          </button>
        ) : null}
        {!canEdit ? null : archived ? (
          <button type="button" onClick={run(() => actions.onUnarchive(campaign))}>
            {t('campaigns.actions.unarchive')}
          </button>
        ) : (
          <button
            type="button"
            className="row-menu__danger"
            onClick={run(() => actions.onArchive(campaign))}
          >
            {t('campaigns.actions.archive')}
          </button>
        )}
      </div>
    </details>
  );
}
