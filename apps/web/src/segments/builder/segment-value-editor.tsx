import { STAGE_NAMES, STAGES } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import type { ValueEditorProps } from 'react-querybuilder';
import { useBuilder } from './builder-context.tsx';
import { ComparisonInput } from './comparison-input.tsx';
import { EventValueEditor } from './event-value-editor.tsx';

const CHANNELS = ['email', 'sms', 'call'] as const;

/**
 * The value part of every builder rule, chosen by what the rule tests; the issues the rule
 * checker found for this rule are written next to it, in words.
 */
export function SegmentValueEditor(props: ValueEditorProps) {
  const { catalog, issues } = useBuilder();
  const messages = issues.get(props.path.join('.')) ?? [];
  return (
    <span className="rule-value">
      <ValueFor {...props} />
      {messages.map((message) => (
        <span key={message} className="rule-error" role="alert">
          {message}
        </span>
      ))}
      {catalog.byId.has(props.field) ? null : <UnknownField field={props.field} />}
    </span>
  );
}

function UnknownField({ field }: { field: string }) {
  const { t } = useTranslation('segments');
  return <span className="rule-error">{t('builder.unknownField', { field })}</span>;
}

function ValueFor({ field, operator, value, handleOnChange }: ValueEditorProps) {
  const { t } = useTranslation('segments');
  const { catalog } = useBuilder();
  const info = catalog.byId.get(field);
  const label = t('builder.valueOf', { field: info?.label ?? field });
  switch (info?.kind) {
    case 'stage': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <fieldset className="rule-inline rule-checks" aria-label={label}>
          {STAGES.map((stage) => (
            <label key={stage} className="rule-check">
              <input
                type="checkbox"
                checked={selected.includes(stage)}
                onChange={(event) =>
                  handleOnChange(
                    event.target.checked
                      ? STAGES.filter((s) => s === stage || selected.includes(s))
                      : selected.filter((s) => s !== stage),
                  )
                }
              />
              {STAGE_NAMES[stage][catalog.language]}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'consent':
      return (
        <select
          className="rule-input"
          aria-label={label}
          value={String(value)}
          onChange={(e) => handleOnChange(e.target.value)}
        >
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`builder.channels.${channel}`)}
            </option>
          ))}
        </select>
      );
    case 'tag':
      return (
        <>
          <input
            className="rule-input"
            list="segment-tags"
            aria-label={label}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => handleOnChange(e.target.value)}
          />
          <datalist id="segment-tags">
            {catalog.tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </>
      );
    case 'list':
      return catalog.lists.length === 0 ? (
        <span className="rule-note">{t('builder.noLists')}</span>
      ) : (
        <select
          className="rule-input"
          aria-label={label}
          value={String(value)}
          onChange={(e) => handleOnChange(e.target.value)}
        >
          {catalog.lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name}
            </option>
          ))}
        </select>
      );
    case 'event':
      return <EventValueEditor value={value} onChange={handleOnChange} />;
    case 'field':
    case 'attribute':
      return (
        <ComparisonInput
          type={info.type ?? 'string'}
          operator={operator}
          value={value}
          label={label}
          suggestions={info.suggestions}
          onChange={handleOnChange}
        />
      );
    default:
      return null;
  }
}
