import { assertNever, type CampaignCreate, templates } from '@rumbo/flow';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, describeApiError } from '../api/api-error.ts';
import { suggestedCode, useCampaigns, useCreateCampaign } from '../api/campaigns.queries.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { TemplateGallery } from './template-gallery.tsx';

export const START_KINDS = ['blank', 'template', 'clone'] as const;
export type StartKind = (typeof START_KINDS)[number];

/** The request for the chosen start; empty code and name let the server pick free ones. */
function createRequest(
  kind: StartKind,
  fields: { code: string; name: string; templateId: string; sourceId: string },
  locale: 'es' | 'en',
): CampaignCreate {
  const code = fields.code.trim();
  const name = fields.name.trim();
  const named = { ...(code ? { code } : {}), ...(name ? { name } : {}) };
  switch (kind) {
    case 'blank':
      return { from: 'blank', code, name, locale };
    case 'template':
      return { from: 'template', templateId: fields.templateId, locale, ...named };
    case 'clone':
      return { from: 'clone', campaignId: fields.sourceId, locale, ...named };
    default:
      return assertNever(kind, 'start kind');
  }
}

/** Code, name and the source (template or campaign), then "create and open in the designer". */
export function CampaignStartForm({ kind }: { kind: StartKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [templateId, setTemplateId] = useState(
    () => search.get('template') ?? templates[0]?.id ?? '',
  );
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [sourceId, setSourceId] = useState(search.get('source') ?? '');
  const create = useCreateCampaign();
  const campaigns = useCampaigns();
  const template = templates.find((known) => known.id === templateId);
  const source = campaigns.data?.items.find((item) => item.id === sourceId);
  const optional = kind !== 'blank';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = createRequest(kind, { code, name, templateId, sourceId }, language);
    create.mutate(request, {
      onSuccess: (campaign) => void navigate(`/campaigns/${campaign.id}`),
    });
  };
  const suggestion = suggestedCode(create.error);
  const pickTemplate = (id: string) => {
    setTemplateId(id);
    const params = new URLSearchParams(search);
    params.set('template', id);
    setSearch(params, { replace: true, flushSync: true });
  };
  return (
    <form className="start-form" onSubmit={submit} noValidate={false}>
      {kind === 'template' ? (
        <TemplateGallery selected={templateId} onSelect={pickTemplate} />
      ) : null}
      {kind === 'clone' ? (
        <label className="form-field">
          <span className="form-field__label">{t('campaigns.create.source')}</span>
          <select required value={sourceId} onChange={(event) => setSourceId(event.target.value)}>
            <option value="">{t('campaigns.create.sourcePlaceholder')}</option>
            {campaigns.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} · {item.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="start-form__row">
        <label className="form-field form-field--code">
          <span className="form-field__label">
            {t('campaigns.create.code')}
            {optional ? (
              <span className="form-field__optional"> {t('campaigns.create.optional')}</span>
            ) : null}
          </span>
          <input
            value={code}
            required={!optional}
            maxLength={20}
            autoComplete="off"
            placeholder={
              kind === 'template' && template
                ? template.build(language).settings.code
                : kind === 'clone' && source
                  ? `${source.code}-2`
                  : 'RET045'
            }
            onChange={(event) => setCode(event.target.value.toUpperCase())}
          />
          <span className="form-field__help">
            {optional ? t('campaigns.create.codeAuto') : t('campaigns.create.codeHelp')}
          </span>
        </label>
        <label className="form-field form-field--grow">
          <span className="form-field__label">
            {t('campaigns.create.name')}
            {optional ? (
              <span className="form-field__optional"> {t('campaigns.create.optional')}</span>
            ) : null}
          </span>
          <input
            value={name}
            required={!optional}
            maxLength={200}
            placeholder={
              kind === 'template' && template
                ? template.name[language]
                : kind === 'clone' && source
                  ? t('campaigns.create.copyOf', { name: source.name })
                  : t('campaigns.create.namePlaceholder')
            }
            onChange={(event) => setName(event.target.value)}
          />
        </label>
      </div>
      {create.error ? (
        <div className="form-error" role="alert">
          <p>
            {create.error instanceof ApiError
              ? describeApiError(create.error, (key, params) => t(key, params ?? {}))
              : t('errors.unexpected')}
          </p>
          {suggestion ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCode(suggestion)}
            >
              {t('campaigns.create.useSuggestion', { code: suggestion })}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="start-form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('campaigns.create.creating') : t('campaigns.create.submit')}
        </button>
      </div>
    </form>
  );
}
