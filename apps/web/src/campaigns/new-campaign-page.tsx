import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../app/page-header.tsx';
import { CampaignStartForm, type StartKind } from './campaign-start-form.tsx';
import { ImportCampaign } from './import-campaign.tsx';
import './campaigns.css';

// The default (a template) first: most campaigns start from a proven journey.
const CHOICES = ['template', 'blank', 'clone', 'import'] as const satisfies readonly (
  | StartKind
  | 'import'
)[];
type Choice = (typeof CHOICES)[number];

/**
 * `/campaigns/new`: start blank, from a template, as a copy of a campaign, or from an export
 * file; the campaign opens in the designer. The choice lives in `?from=` so Back keeps it.
 */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  // Local state answers the click at once; the URL follows so Back and reload keep the choice.
  const [choice, setChoice] = useState<Choice>(
    () => CHOICES.find((known) => known === search.get('from')) ?? 'template',
  );
  const pick = (next: Choice) => {
    setChoice(next);
    const params = new URLSearchParams(search);
    params.set('from', next);
    setSearch(params, { replace: true, flushSync: true });
  };
  return (
    <div className="page">
      <PageHeader
        title={t('campaigns.create.title')}
        subtitle={t('campaigns.create.subtitle')}
        actions={
          <Link className="button button--secondary" to="/campaigns">
            {t('campaigns.create.cancel')}
          </Link>
        }
      />
      <fieldset className="start-choices">
        <legend className="start-choices__legend">{t('campaigns.create.how')}</legend>
        {CHOICES.map((kind) => (
          <label key={kind} className="start-choice">
            <input
              type="radio"
              name="start"
              value={kind}
              checked={choice === kind}
              onChange={() => pick(kind)}
            />
            <span className="start-choice__title">{t(`campaigns.create.from.${kind}.title`)}</span>
            <span className="start-choice__hint">{t(`campaigns.create.from.${kind}.hint`)}</span>
          </label>
        ))}
      </fieldset>
      {choice === 'import' ? (
        <ImportCampaign />
      ) : (
        <CampaignStartForm kind={choice satisfies StartKind} />
      )}
    </div>
  );
}
