import { type EntrySource, SEGMENT_SYNC_MODES } from '@rumbo/flow';
import { useId } from 'react';
import { Link } from 'react-router';
import { formatCount } from '../../../format/format-time.ts';
import { useSegments } from '../../../segments/segments.api.ts';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { CheckboxField, SelectField } from '../fields.tsx';
import {
  segmentSources,
  unknownSegmentIds,
  withContinuous,
  withSegment,
  withSyncMode,
} from './entry-segments.ts';

/**
 * The entry's segments, picked by name from the workspace's segments with their live counts.
 * Ids the document names but the workspace lacks stay visible as "not found" so they can be
 * removed; they are never dropped silently.
 */
export function SegmentPicker({
  sources,
  onChange,
}: {
  sources: readonly EntrySource[];
  onChange: (sources: EntrySource[], field: string) => void;
}) {
  const { t, locale } = useDesignerT();
  const segments = useSegments();
  const picked = segmentSources(sources);
  const pickedIds = new Set<string>(picked.map((s) => s.segmentId));
  const unknown = segments.data ? unknownSegmentIds(sources, segments.data.items) : [];
  const items = segments.data?.items ?? [];
  return (
    <fieldset className="fieldset segment-picker">
      <legend>{t('entry.segments')}</legend>
      {segments.isPending && <p className="field__hint">{t('entry.segmentsLoading')}</p>}
      {segments.isError && (
        <p className="field__error" role="alert">
          {t('entry.segmentsError')}
        </p>
      )}
      {segments.data && items.length === 0 && (
        <p className="field__hint">
          {t('entry.segmentsEmpty')} <Link to="/segments/new">{t('entry.segmentsCreate')}</Link>
        </p>
      )}
      {items.length > 0 && (
        <ul className="segment-picker__list">
          {items.map((segment) => {
            const source = picked.find((s) => s.segmentId === segment.id);
            return (
              <li key={segment.id}>
                <SegmentCheckbox
                  label={segment.name}
                  count={t('entry.segmentCount', {
                    count: segment.count,
                    formatted: formatCount(segment.count, locale),
                  })}
                  checked={pickedIds.has(segment.id)}
                  onChange={(on) => onChange(withSegment(sources, segment.id, on), 'sources')}
                />
                {source && (
                  <div className="segment-picker__continuous">
                    <CheckboxField
                      label={t('entry.continuous')}
                      checked={source.continuous}
                      onChange={(on) =>
                        onChange(withContinuous(sources, segment.id, on), 'sources')
                      }
                    />
                    {source.continuous && (
                      <SelectField
                        label={t('entry.syncMode')}
                        value={source.syncMode}
                        options={SEGMENT_SYNC_MODES.map((m) => ({
                          value: m,
                          label: t(`entry.syncModes.${m}`),
                        }))}
                        onChange={(m) => onChange(withSyncMode(sources, segment.id, m), 'sources')}
                      />
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {unknown.length > 0 && (
        <ul className="segment-picker__list">
          {unknown.map((id) => (
            <li key={id} className="segment-picker__missing">
              <span className="field__error">{t('entry.segmentMissing')}</span>{' '}
              <code className="segment-picker__id">{id}</code>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => onChange(withSegment(sources, id, false), 'sources')}
              >
                {t('entry.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <p className="field__hint">
          <Link to="/segments">{t('entry.segmentsManage')}</Link>
        </p>
      )}
    </fieldset>
  );
}

function SegmentCheckbox({
  label,
  count,
  checked,
  onChange,
}: {
  label: string;
  count: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field field--checkbox segment-picker__item">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>
        <span className="segment-picker__name">{label}</span>{' '}
        <span className="segment-picker__count">{count}</span>
      </label>
    </div>
  );
}
