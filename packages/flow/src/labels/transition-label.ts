import { CallConfig } from '../catalogue/nodes/call.node.ts';
import { EmailConfig } from '../catalogue/nodes/email.node.ts';
import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowNode, Transition } from '../document/flow.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { Locale } from '../validate/issue.ts';
import { summariseRule } from './condition-summary.ts';
import { formatDuration, formatPercent } from './duration.ts';
import { signalName } from './signal-names.ts';

const quote = (text: string, locale: Locale) => (locale === 'es' ? `«${text}»` : `“${text}”`);

function clickedLabel(link: string, source: FlowNode | undefined, locale: Locale): string {
  const parsed = source?.type === 'email' ? EmailConfig.safeParse(source.config) : undefined;
  const found = parsed?.success
    ? parsed.data.links.find((l) => l.id === link || l.url === link)
    : undefined;
  const name = found && found.label !== '' ? found.label : link;
  return locale === 'es' ? `Hizo clic en ${quote(name, locale)}` : `Clicked ${quote(name, locale)}`;
}

function signalLabel(
  trigger: Extract<Transition['trigger'], { kind: 'signal' }>,
  source: FlowNode | undefined,
  locale: Locale,
): string {
  if (trigger.signal === 'clicked' && trigger.link !== undefined) {
    return clickedLabel(trigger.link, source, locale);
  }
  if (source?.type === 'call') {
    const parsed = CallConfig.safeParse(source.config);
    const outcome = parsed.success
      ? parsed.data.outcomes.find((o) => o.id === trigger.signal)
      : undefined;
    if (outcome && outcome.label[locale] !== '') return outcome.label[locale];
  }
  const channel = source ? findNodeModule(source.type)?.channel : null;
  return signalName(trigger.signal, locale, channel);
}

function splitLetter(t: Transition, siblings: readonly Transition[] | undefined): string {
  const splits = (siblings ?? []).filter(
    (s) => s.source === t.source && s.trigger.kind === 'split',
  );
  const index = splits.findIndex((s) => s.id === t.id);
  if (index >= 0 && index < 26) return String.fromCharCode(65 + index);
  return '';
}

/**
 * The words on a transition: what the marketer typed, or a reading of its trigger —
 * "Abrió el email", "Sin respuesta tras 5 días", "Si: etapa es oportunidad", "Variante A · 50 %".
 * `siblings` (the source's outgoing transitions, in document order) letters the split variants.
 */
export function transitionLabel(
  t: Transition,
  source: FlowNode | undefined,
  locale: Locale,
  siblings?: readonly Transition[],
): string {
  if (t.label !== undefined && t.label.trim() !== '') return t.label;
  const es = locale === 'es';
  const trigger = t.trigger;
  switch (trigger.kind) {
    case 'auto':
      return es ? 'Inmediatamente' : 'Immediately';
    case 'delay':
      return `${es ? 'Tras' : 'After'} ${formatDuration(trigger.amount, trigger.unit, locale)}`;
    case 'signal':
      return signalLabel(trigger, source, locale);
    case 'timeout': {
      const time = formatDuration(trigger.amount, trigger.unit, locale);
      if (source?.type === 'branch')
        return es ? `No se cumple tras ${time}` : `Not met after ${time}`;
      return es ? `Sin respuesta tras ${time}` : `No reply after ${time}`;
    }
    case 'condition':
      return `${es ? 'Si' : 'If'}: ${summariseRule(trigger.rule, locale)}`;
    case 'else':
      return es ? 'Si no' : 'Otherwise';
    case 'split': {
      const letter = splitLetter(t, siblings);
      const variant = es ? 'Variante' : 'Variant';
      const name = letter === '' ? variant : `${variant} ${letter}`;
      return `${name} · ${formatPercent(trigger.weight, locale)}`;
    }
    default:
      return assertNever(trigger, 'trigger');
  }
}
