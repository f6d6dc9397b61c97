import {
  assertNever,
  EmailConfig,
  type FlowNode,
  NODE_SCOPED_SIGNALS,
  signalName,
  TIME_UNITS,
  type Transition,
  type Trigger,
  transitionLabel,
} from '@rumbo/flow';
import { useMemo } from 'react';
import { useSegmentFields } from '../../segments/segments.api.ts';
import { moduleFor } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { triggerOfKind } from '../store/default-trigger.ts';
import { ConditionBuilder } from './condition-builder.tsx';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { InsertNodeMenu } from './insert-node-menu.tsx';

/** Edits one transition, offering only the triggers its source's type allows. */
export function TransitionEditor({ transition }: { transition: Transition }) {
  const { t, locale } = useDesignerT();
  const nodes = useEditor((s) => s.document.nodes);
  const updateTransition = useEditor((s) => s.updateTransition);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const source = nodes.find((n) => n.id === transition.source);
  const target = nodes.find((n) => n.id === transition.target);
  const module = source ? moduleFor(source.type) : undefined;
  if (!source || !module) return null;
  const set = (trigger: Trigger, field: string) =>
    updateTransition(transition.id, { trigger }, { coalesce: `${transition.id}:${field}` });
  const allowed = module.allowedTriggers;
  return (
    <section className="inspector" aria-labelledby="transition-title">
      <p className="inspector__type">{t('transition.kicker')}</p>
      <h2 id="transition-title" className="panel-title" tabIndex={-1}>
        {source.name} → {target?.name ?? '?'}
      </h2>
      <p className="inspector__summary">{transitionLabel(transition, source, locale)}</p>
      <SelectField
        label={t('transition.kind')}
        value={transition.trigger.kind}
        options={allowed.map((k) => ({ value: k, label: t(`triggers.${k}`) }))}
        onChange={(kind) => set(triggerOfKind(kind, module, source), 'kind')}
      />
      <TriggerFields source={source} transition={transition} onChange={set} />
      <TextField
        label={t('transition.label')}
        hint={t('transition.labelHint')}
        value={transition.label ?? ''}
        onChange={(label) =>
          updateTransition(transition.id, { label }, { coalesce: `${transition.id}:label` })
        }
      />
      <InsertNodeMenu transitionId={transition.id} />
      <button type="button" className="button button--danger" onClick={deleteSelection}>
        {t('transition.delete')}
      </button>
    </section>
  );
}

function TriggerFields({
  source,
  transition,
  onChange,
}: {
  source: FlowNode;
  transition: Transition;
  onChange: (trigger: Trigger, field: string) => void;
}) {
  const { t, locale } = useDesignerT();
  const siblings = useEditor((s) => s.document.transitions).filter((x) => x.source === source.id);
  const module = moduleFor(source.type);
  const fields = useSegmentFields();
  const leadEvents = useMemo(
    () => [...new Set([...COMMON_EVENTS, ...(fields.data?.events ?? []).map((e) => e.name)])],
    [fields.data],
  );
  const trigger = transition.trigger;
  switch (trigger.kind) {
    case 'auto':
    case 'else':
      return <p className="field__hint">{t(`triggers.${trigger.kind}Hint`)}</p>;
    case 'delay':
    case 'timeout':
      return (
        <div className="row">
          <NumberField
            label={t('duration.amount')}
            min={0}
            step={1}
            value={trigger.amount}
            onChange={(n) =>
              onChange({ ...trigger, amount: Math.max(0, Math.round(n ?? 0)) }, 'amount')
            }
          />
          <SelectField
            label={t('duration.unit')}
            value={trigger.unit}
            options={TIME_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            onChange={(unit) => onChange({ ...trigger, unit }, 'unit')}
          />
        </div>
      );
    case 'signal': {
      const own = module ? [...module.signals(source.config)] : [];
      // Lead events ("Compró") move a lead from any waiting step, not only the node's own signals.
      const events = leadEvents.filter((e) => !own.includes(e) && !NODE_SCOPED_SIGNALS.has(e));
      const known = [...own, ...events];
      const options = known.includes(trigger.signal) ? known : [...known, trigger.signal];
      return (
        <>
          <SelectField
            label={t('transition.signal')}
            value={trigger.signal}
            options={options.map((s) => ({
              value: s,
              label: own.includes(s)
                ? signalName(s, locale, module?.channel)
                : t('transition.leadEvent', { name: signalName(s, locale) }),
            }))}
            onChange={(signal) => {
              const { link: _link, ...rest } = trigger;
              onChange({ ...rest, signal }, 'signal');
            }}
          />
          {trigger.signal === 'clicked' && source.type === 'email' && (
            <LinkPicker source={source} trigger={trigger} onChange={onChange} />
          )}
        </>
      );
    }
    case 'split': {
      const sum = siblings.reduce(
        (acc, x) => acc + (x.trigger.kind === 'split' ? x.trigger.weight : 0),
        0,
      );
      return (
        <NumberField
          label={t('transition.weight')}
          min={0}
          max={100}
          value={trigger.weight}
          onChange={(n) =>
            onChange({ ...trigger, weight: Math.max(0, Math.min(100, n ?? 0)) }, 'weight')
          }
          hint={t('split.sum', { sum })}
          error={sum === 100 ? undefined : t('split.mustBe100')}
        />
      );
    }
    case 'condition':
      return (
        <ConditionBuilder
          rule={trigger.rule}
          onChange={(rule) => onChange({ ...trigger, rule }, 'rule')}
        />
      );
    default:
      return assertNever(trigger, 'trigger');
  }
}

/** Offered even before any lead has done them: the conversion events campaigns wait for. */
const COMMON_EVENTS = ['purchased', 'signed_up', 'subscribed'];

type SignalTrigger = Extract<Trigger, { kind: 'signal' }>;

/** "Clicked": any link of the email, or one of its tracked links. */
function LinkPicker({
  source,
  trigger,
  onChange,
}: {
  source: FlowNode;
  trigger: SignalTrigger;
  onChange: (trigger: Trigger, field: string) => void;
}) {
  const { t } = useDesignerT();
  const config = EmailConfig.safeParse(source.config);
  const links = config.success ? config.data.links : [];
  const ANY = '';
  const options = [
    { value: ANY, label: t('transition.anyLink') },
    ...links.map((l) => ({ value: l.id, label: l.label || `${l.id} · ${l.url}` })),
  ];
  if (trigger.link !== undefined && !links.some((l) => l.id === trigger.link)) {
    options.push({ value: trigger.link, label: trigger.link });
  }
  return (
    <SelectField
      label={t('transition.link')}
      value={trigger.link ?? ANY}
      options={options}
      onChange={(link) => {
        const { link: _old, ...rest } = trigger;
        onChange(link === ANY ? rest : { ...rest, link }, 'link');
      }}
      hint={links.length === 0 ? t('transition.noLinks') : undefined}
    />
  );
}
