import './segments.css';
import type { SegmentDetail } from '@rumbo/flow';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { SegmentEditor } from './segment-editor.tsx';
import { deleteSegment, segmentKeys, useSegment, useSegmentFields } from './segments.api.ts';

/** `/segments/new` and `/segments/:segmentId`: the builder for filters, a summary for lists. */
export function SegmentPage() {
  const { t } = useTranslation('segments');
  const { segmentId } = useParams();
  const id = segmentId ?? null;
  const segment = useSegment(id);
  const fields = useSegmentFields();
  const title = id === null ? t('editor.newTitle') : (segment.data?.name ?? t('editor.title'));
  const failed = segment.error ?? fields.error;
  return (
    <div className="page">
      <PageHeader
        title={title}
        subtitle={segment.data?.kind === 'static' ? t('kinds.static') : t('editor.subtitle')}
        actions={
          <>
            <Link className="button button--secondary" to="/segments">
              {t('editor.back')}
            </Link>
            {segment.data ? <DeleteButton segment={segment.data} /> : null}
          </>
        }
      />
      {failed ? (
        <p className="rule-error" role="alert">
          {failed instanceof ApiError ? failed.message : t('errors.load')}
        </p>
      ) : null}
      {(id !== null && segment.isPending) || fields.isPending ? (
        <p role="status">{t('list.loading')}</p>
      ) : null}
      {fields.data && (id === null || segment.data?.kind === 'filter') ? (
        <SegmentEditor
          key={segment.data?.id ?? 'new'}
          initial={segment.data ?? null}
          fields={fields.data}
        />
      ) : null}
      {segment.data?.kind === 'static' ? <StaticListSummary segment={segment.data} /> : null}
    </div>
  );
}

function StaticListSummary({ segment }: { segment: SegmentDetail }) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  return (
    <section className="static-summary">
      {segment.description ? <p>{segment.description}</p> : null}
      <p className="live-panel__count">
        <strong>{formatCount(segment.count, language)}</strong>{' '}
        {t('live.leads', { count: segment.count })}
      </p>
      <Link className="button button--secondary" to={`/leads?segment=${segment.id}`}>
        {t('static.seeLeads')}
      </Link>
    </section>
  );
}

/** Deleting asks first; a segment a campaign enters leads from is refused, naming the campaigns. */
function DeleteButton({ segment }: { segment: SegmentDetail }) {
  const { t } = useTranslation('segments');
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!window.confirm(t('delete.confirm', { name: segment.name }))) return;
    try {
      await deleteSegment(api, segment.id);
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      navigate('/segments');
    } catch (cause) {
      const campaigns =
        cause instanceof ApiError && cause.status === 409
          ? (cause.problem?.issues ?? [])
              .map((issue) => String(issue.path[1] ?? ''))
              .filter(Boolean)
          : [];
      setError(
        campaigns.length > 0
          ? t('delete.inUse', { campaigns: campaigns.join(', ') })
          : cause instanceof ApiError
            ? cause.message
            : t('errors.save'),
      );
    }
  };
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => void remove()}>
        {t('delete.button')}
      </button>
      {error ? (
        <span className="rule-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
