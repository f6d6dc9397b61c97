import { assertNever, EntryConfig, type EntrySource } from '@rumbo/flow';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { CheckboxField, NumberField, SelectField, TextField } from '../fields.tsx';
import type { NodeFormProps } from '../form-props.ts';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';
import { otherSources } from './entry-segments.ts';
import { SegmentPicker } from './segment-picker.tsx';

/** Segments have their own picker; these are the other ways in. */
const OTHER_KINDS = ['event', 'date', 'api', 'manual'] as const;
type OtherKind = (typeof OTHER_KINDS)[number];

function blankSource(kind: OtherKind): EntrySource {
  switch (kind) {
    case 'event':
      return { kind, event: 'signed_up' };
    case 'date':
      return { kind, attribute: 'birthday', offsetDays: 0, at: '09:00', yearly: true };
    case 'api':
    case 'manual':
      return { kind };
    default:
      return assertNever(kind, 'entry source');
  }
}

/** Where leads come in: segments picked by name, plus events, date attributes, the API. */
export function EntryForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, EntryConfig);
  const sources = config.sources;
  const others = otherSources(sources);
  const replace = (index: number, source: EntrySource, field: string) =>
    set(
      { sources: sources.map((s, i) => (i === index ? source : s)) },
      `sources.${index}.${field}`,
    );
  return (
    <>
      {broken && <BrokenConfig />}
      {sources.length === 0 && <p className="field__hint">{t('entry.none')}</p>}
      <SegmentPicker sources={sources} onChange={(next, field) => set({ sources: next }, field)} />
      {others.map(({ source, index }, place) => (
        <fieldset className="fieldset" key={index}>
          <legend>{t('entry.source', { index: place + 1 })}</legend>
          <SelectField
            label={t('entry.kind')}
            value={source.kind}
            options={OTHER_KINDS.map((k) => ({ value: k, label: t(`entry.kinds.${k}`) }))}
            onChange={(kind) => replace(index, blankSource(kind), 'kind')}
          />
          <SourceFields source={source} onChange={(s, field) => replace(index, s, field)} />
          <button
            type="button"
            className="button button--ghost"
            onClick={() => set({ sources: sources.filter((_, i) => i !== index) }, 'sources')}
          >
            {t('entry.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => set({ sources: [...sources, blankSource('event')] }, 'sources')}
      >
        {t('entry.add')}
      </button>
    </>
  );
}

function SourceFields({
  source,
  onChange,
}: {
  source: EntrySource;
  onChange: (source: EntrySource, field: string) => void;
}) {
  const { t } = useDesignerT();
  switch (source.kind) {
    case 'segment':
      // Segment sources are edited in the picker above.
      return null;
    case 'event':
      return (
        <TextField
          label={t('entry.event')}
          value={source.event}
          onChange={(event) => event && onChange({ ...source, event }, 'event')}
        />
      );
    case 'date':
      return (
        <>
          <TextField
            label={t('wait.attribute')}
            value={source.attribute}
            onChange={(attribute) => attribute && onChange({ ...source, attribute }, 'attribute')}
          />
          <NumberField
            label={t('wait.offsetDays')}
            step={1}
            value={source.offsetDays}
            onChange={(n) =>
              onChange(
                { ...source, offsetDays: Math.max(-365, Math.min(365, Math.round(n ?? 0))) },
                'offsetDays',
              )
            }
          />
          <TextField
            label={t('wait.at')}
            type="time"
            value={source.at}
            onChange={(at) => at && onChange({ ...source, at }, 'at')}
          />
          <CheckboxField
            label={t('wait.yearly')}
            checked={source.yearly}
            onChange={(yearly) => onChange({ ...source, yearly }, 'yearly')}
          />
        </>
      );
    case 'api':
    case 'manual':
      return <p className="field__hint">{t(`entry.hints.${source.kind}`)}</p>;
    default:
      return assertNever(source, 'entry source');
  }
}
