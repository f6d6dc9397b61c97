import './segments.css';
import type { SegmentDetail, SegmentFields } from '@rumbo/flow';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleGroupType } from 'react-querybuilder';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { builderCatalog } from './builder/builder-catalog.ts';
import { RuleBuilder } from './builder/rule-builder.tsx';
import { reviewRule } from './builder/rule-issues.ts';
import { queryToRule, ruleToQuery } from './builder/rule-mapping.ts';
import { SegmentLivePanel } from './segment-live-panel.tsx';
import { saveFilterSegment, segmentKeys, useSegmentPreview } from './segments.api.ts';
import { useDebounced } from './use-debounced.ts';

const EMPTY_QUERY: RuleGroupType = { combinator: 'and', not: false, rules: [] };
const PREVIEW_DELAY_MS = 300;

interface SegmentEditorProps {
  initial: SegmentDetail | null;
  fields: SegmentFields;
}

/** A filter segment: name, the rule builder, and the live count with a sample of who matches. */
export function SegmentEditor({ initial, fields }: SegmentEditorProps) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const catalog = useMemo(() => builderCatalog(fields, language), [fields, language]);
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [query, setQuery] = useState<RuleGroupType>(() =>
    initial?.rule ? ruleToQuery(initial.rule) : EMPTY_QUERY,
  );
  const [saved, setSaved] = useState(() =>
    JSON.stringify(initial?.rule ? queryToRule(ruleToQuery(initial.rule)) : null),
  );
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const rule = useMemo(() => queryToRule(query), [query]);
  const review = useMemo(
    () => reviewRule(rule, catalog.attributes, language),
    [rule, catalog, language],
  );
  const blocked = review.errors.length > 0;
  const debounced = useDebounced(blocked ? null : rule, PREVIEW_DELAY_MS);
  const preview = useSegmentPreview(debounced);
  const dirty =
    JSON.stringify(rule) !== saved ||
    name !== (initial?.name ?? '') ||
    description !== (initial?.description ?? '');
  const nameMissing = name.trim() === '';

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const result = await saveFilterSegment(
        api,
        initial?.id ?? null,
        { name: name.trim(), description },
        rule,
      );
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      setSaved(JSON.stringify(rule));
      if (initial === null) {
        navigate(`/segments/${result.segment.id}`, { replace: true });
      }
    } catch (error) {
      setSaveError(error instanceof ApiError ? error.message : t('errors.save'));
    } finally {
      setSaving(false);
    }
  };

  const wholeQueryIssues = review.byPath.get('') ?? [];
  return (
    <div className="segment-editor">
      <div className="segment-editor__main">
        <div className="segment-meta">
          <label className="field">
            <span className="field__label">{t('editor.name')}</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('editor.namePlaceholder')}
              aria-invalid={nameMissing}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('editor.description')}</span>
            <input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              placeholder={t('editor.descriptionPlaceholder')}
            />
          </label>
        </div>
        <h2 className="segment-editor__heading">{t('editor.ruleHeading')}</h2>
        <p className="segment-editor__hint">{t('editor.ruleHint')}</p>
        <RuleBuilder
          catalog={catalog}
          query={query}
          onQueryChange={setQuery}
          issues={review.byPath}
        />
        {wholeQueryIssues.map((message) => (
          <p key={message} className="rule-error" role="alert">
            {message}
          </p>
        ))}
        <div className="segment-editor__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={saving || blocked || nameMissing}
            onClick={() => void save()}
          >
            {saving ? t('editor.saving') : t('editor.save')}
          </button>
          <span className="segment-editor__state" role="status">
            {nameMissing
              ? t('editor.nameRequired')
              : blocked
                ? t('editor.fixErrors')
                : dirty
                  ? t('editor.unsaved')
                  : initial !== null
                    ? t('editor.saved')
                    : ''}
          </span>
          {saveError ? (
            <span className="rule-error" role="alert">
              {saveError}
            </span>
          ) : null}
        </div>
      </div>
      <SegmentLivePanel
        blocked={blocked}
        count={preview.data?.count ?? null}
        sample={preview.data?.sample ?? []}
        loading={preview.isFetching || debounced !== (blocked ? null : rule)}
        error={preview.error}
      />
    </div>
  );
}
