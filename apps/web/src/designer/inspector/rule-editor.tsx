import {
  assertNever,
  CONSENT_CHANNELS,
  LEAD_FIELDS,
  type SegmentCondition,
  type SegmentGroup,
  type SegmentRule,
  STAGES,
} from '@rumbo/flow';
import { useDesignerT } from '../editor/editor-context.tsx';
import { ComparisonEditor } from './comparison-editor.tsx';
import { SelectField, TextField } from './fields.tsx';

/**
 * A simple editor over the shared segment-rule model: one AND/OR group of conditions on
 * stage, tags, consent, lead fields, attributes and events. Nested groups made elsewhere are
 * kept and shown, not edited. (The full builder comes with the segments page.)
 */
export function RuleEditor({
  rule,
  onChange,
}: {
  rule: SegmentRule;
  onChange: (rule: SegmentGroup) => void;
}) {
  const { t } = useDesignerT();
  const group = asGroup(rule);
  const setRules = (rules: SegmentRule[]) => onChange({ ...group, rules });
  return (
    <div className="rule-editor">
      <SelectField
        label={t('rules.combinator')}
        value={group.combinator}
        options={[
          { value: 'and', label: t('rules.and') },
          { value: 'or', label: t('rules.or') },
        ]}
        onChange={(combinator) => onChange({ ...group, combinator })}
      />
      {group.rules.length === 0 && <p className="field__hint">{t('rules.empty')}</p>}
      <ol className="rule-editor__list">
        {group.rules.map((r, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; keying by the id being typed would remount the input on every key
          <li key={index} className="rule-editor__row">
            {r.kind === 'group' ? (
              <p className="field__hint">{t('rules.nested', { count: r.rules.length })}</p>
            ) : (
              <ConditionEditor
                condition={r}
                onChange={(next) => setRules(group.rules.map((x, i) => (i === index ? next : x)))}
              />
            )}
            <button
              type="button"
              className="button button--ghost"
              onClick={() => setRules(group.rules.filter((_, i) => i !== index))}
              aria-label={t('rules.remove', { index: index + 1 })}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setRules([...group.rules, { kind: 'stage', in: ['customer'] }])}
      >
        {t('rules.add')}
      </button>
    </div>
  );
}

function asGroup(rule: SegmentRule): SegmentGroup {
  return rule.kind === 'group'
    ? rule
    : { kind: 'group', combinator: 'and', not: false, rules: [rule] };
}

const KINDS = ['stage', 'tag', 'consent', 'field', 'attribute', 'event'] as const;
type EditableKind = (typeof KINDS)[number];

const isEditable = (kind: string): kind is EditableKind =>
  (KINDS as readonly string[]).includes(kind);

function blank(kind: EditableKind): SegmentCondition {
  switch (kind) {
    case 'stage':
      return { kind, in: ['customer'] };
    case 'tag':
      return { kind, tag: 'vip', has: true };
    case 'consent':
      return { kind, channel: 'email', granted: true };
    case 'field':
      return { kind, field: 'email', test: { op: 'isSet' } };
    case 'attribute':
      return { kind, path: 'country', type: 'string', test: { op: 'eq', value: 'ES' } };
    case 'event':
      return { kind, name: 'purchased', where: [] };
    default:
      return assertNever(kind, 'condition kind');
  }
}

function ConditionEditor({
  condition,
  onChange,
}: {
  condition: SegmentCondition;
  onChange: (c: SegmentCondition) => void;
}) {
  const { t } = useDesignerT();
  const kind = condition.kind;
  return (
    <div className="condition">
      <SelectField
        label={t('rules.kind')}
        value={isEditable(kind) ? kind : 'stage'}
        options={KINDS.map((k) => ({ value: k, label: t(`rules.kinds.${k}`) }))}
        onChange={(k) => onChange(blank(k))}
      />
      <ConditionFields condition={condition} onChange={onChange} />
    </div>
  );
}

function ConditionFields({
  condition: c,
  onChange,
}: {
  condition: SegmentCondition;
  onChange: (c: SegmentCondition) => void;
}) {
  const { t } = useDesignerT();
  switch (c.kind) {
    case 'stage':
      return (
        <SelectField
          label={t('rules.stage')}
          value={c.in[0] ?? 'customer'}
          options={STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
          onChange={(stage) => onChange({ ...c, in: [stage] })}
        />
      );
    case 'tag':
      return (
        <>
          <SelectField
            label={t('rules.tagHas')}
            value={c.has ? 'yes' : 'no'}
            options={[
              { value: 'yes', label: t('rules.has') },
              { value: 'no', label: t('rules.hasNot') },
            ]}
            onChange={(v) => onChange({ ...c, has: v === 'yes' })}
          />
          <TextField
            label={t('rules.tag')}
            value={c.tag}
            onChange={(tag) => tag && onChange({ ...c, tag })}
          />
        </>
      );
    case 'consent':
      return (
        <>
          <SelectField
            label={t('rules.channel')}
            value={c.channel}
            options={CONSENT_CHANNELS.map((ch) => ({ value: ch, label: t(`channels.${ch}`) }))}
            onChange={(channel) => onChange({ ...c, channel })}
          />
          <SelectField
            label={t('rules.consent')}
            value={c.granted ? 'yes' : 'no'}
            options={[
              { value: 'yes', label: t('rules.granted') },
              { value: 'no', label: t('rules.notGranted') },
            ]}
            onChange={(v) => onChange({ ...c, granted: v === 'yes' })}
          />
        </>
      );
    case 'field':
      return (
        <>
          <SelectField
            label={t('rules.field')}
            value={c.field}
            options={LEAD_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))}
            onChange={(field) => onChange({ ...c, field })}
          />
          <ComparisonEditor
            test={c.test}
            type="string"
            onChange={(test) => onChange({ ...c, test })}
          />
        </>
      );
    case 'attribute':
      return (
        <>
          <TextField
            label={t('rules.attribute')}
            value={c.path}
            onChange={(path) => path && onChange({ ...c, path })}
          />
          <ComparisonEditor
            test={c.test}
            type={c.type}
            onChange={(test) => onChange({ ...c, test })}
          />
        </>
      );
    case 'event':
      return (
        <>
          <TextField
            label={t('rules.event')}
            value={c.name}
            onChange={(name) => name && onChange({ ...c, name })}
          />
          <SelectField
            label={t('rules.eventCount')}
            value={c.count?.op === 'atMost' && c.count.n === 0 ? 'never' : 'ever'}
            options={[
              { value: 'ever', label: t('rules.eventEver') },
              { value: 'never', label: t('rules.eventNever') },
            ]}
            onChange={(v) => {
              const { count: _count, ...rest } = c;
              onChange(v === 'never' ? { ...rest, count: { op: 'atMost', n: 0 } } : rest);
            }}
          />
        </>
      );
    case 'list':
      return <p className="field__hint">{t('rules.listKept')}</p>;
    default:
      return assertNever(c, 'condition');
  }
}
