import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowDocument, FlowNode, Transition } from '../document/flow.schema.ts';
import { transitionLabel } from '../labels/transition-label.ts';
import { assertNever } from '../util/assert-never.ts';
import type { Locale, Localised } from '../validate/issue.ts';
import type { DiffMark, FlowDiff, NodeDiffField, TransitionDiffField } from './flow-diff.ts';

/** One change in words, with the id it is about so a list item can point at the canvas. */
export interface DiffLine {
  subject: 'node' | 'transition' | 'settings';
  mark: DiffMark;
  /** Node or transition id; absent for settings. */
  id?: string;
  text: string;
}

const MARK_WORDS: Record<'node' | 'transition', Record<DiffMark, Localised>> = {
  node: {
    added: { es: 'Nodo añadido', en: 'Node added' },
    removed: { es: 'Nodo eliminado', en: 'Node removed' },
    changed: { es: 'Nodo cambiado', en: 'Node changed' },
  },
  transition: {
    added: { es: 'Transición añadida', en: 'Transition added' },
    removed: { es: 'Transición eliminada', en: 'Transition removed' },
    changed: { es: 'Transición cambiada', en: 'Transition changed' },
  },
};

const NODE_FIELD_WORDS: Record<NodeDiffField, Localised> = {
  type: { es: 'tipo', en: 'type' },
  name: { es: 'nombre', en: 'name' },
  config: { es: 'configuración', en: 'settings' },
  cost: { es: 'coste', en: 'cost' },
  stalePolicy: { es: 'pasos atrasados', en: 'late steps' },
};

const TRANSITION_FIELD_WORDS: Record<TransitionDiffField, Localised> = {
  source: { es: 'origen', en: 'source' },
  target: { es: 'destino', en: 'target' },
  sourceHandle: { es: 'salida', en: 'outlet' },
  targetHandle: { es: 'entrada', en: 'inlet' },
  trigger: { es: 'disparador', en: 'trigger' },
  label: { es: 'etiqueta', en: 'label' },
};

const SETTINGS_WORDS: Localised = {
  es: 'Ajustes de la campaña cambiados',
  en: 'Campaign settings changed',
};

function nodeText(node: FlowNode | undefined, locale: Locale): string {
  if (!node) return '?';
  const type = findNodeModule(node.type)?.label[locale] ?? node.type;
  return `«${node.name}» (${type})`;
}

function transitionText(t: Transition | undefined, doc: FlowDocument, locale: Locale): string {
  if (!t) return '?';
  const source = doc.nodes.find((n) => n.id === t.source);
  const target = doc.nodes.find((n) => n.id === t.target);
  const label = t.label ?? transitionLabel(t, source, locale);
  return `${source?.name ?? t.source} → ${target?.name ?? t.target} (${label})`;
}

function fieldList<F extends string>(
  fields: readonly F[],
  words: Record<F, Localised>,
  locale: Locale,
) {
  return fields.map((f) => words[f][locale]).join(', ');
}

function subjectText(
  subject: 'node' | 'transition',
  id: string,
  mark: DiffMark,
  docs: { before: FlowDocument | null; after: FlowDocument },
  locale: Locale,
): string {
  // A removed element exists only in the published version; the others are read from the draft.
  const doc = mark === 'removed' && docs.before ? docs.before : docs.after;
  switch (subject) {
    case 'node':
      return nodeText(
        doc.nodes.find((n) => n.id === id),
        locale,
      );
    case 'transition':
      return transitionText(
        doc.transitions.find((t) => t.id === id),
        doc,
        locale,
      );
    default:
      return assertNever(subject, 'diff subject');
  }
}

/**
 * The diff as a list a reviewer reads: "Nodo añadido: «Recordatorio» (Email)",
 * "Transición cambiada: Bienvenida → Oferta (Abrió el email) — disparador".
 */
export function describeFlowDiff(
  diff: FlowDiff,
  docs: { before: FlowDocument | null; after: FlowDocument },
  locale: Locale,
): DiffLine[] {
  const lines: DiffLine[] = [];
  const push = (subject: 'node' | 'transition', mark: DiffMark, id: string, suffix = '') => {
    const what = subjectText(subject, id, mark, docs, locale);
    lines.push({
      subject,
      mark,
      id,
      text: `${MARK_WORDS[subject][mark][locale]}: ${what}${suffix}`,
    });
  };
  for (const id of diff.nodes.added) push('node', 'added', id);
  for (const id of diff.nodes.removed) push('node', 'removed', id);
  for (const c of diff.nodes.changed) {
    push('node', 'changed', c.nodeId, ` — ${fieldList(c.fields, NODE_FIELD_WORDS, locale)}`);
  }
  for (const id of diff.transitions.added) push('transition', 'added', id);
  for (const id of diff.transitions.removed) push('transition', 'removed', id);
  for (const c of diff.transitions.changed) {
    const fields = fieldList(c.fields, TRANSITION_FIELD_WORDS, locale);
    push('transition', 'changed', c.transitionId, ` — ${fields}`);
  }
  if (diff.settings.length > 0) {
    lines.push({
      subject: 'settings',
      mark: 'changed',
      text: `${SETTINGS_WORDS[locale]}: ${diff.settings.join(', ')}`,
    });
  }
  return lines;
}

/**
 * The draft plus what the published version had and the draft removed, so one canvas can show
 * removed elements greyed out where they were. Removed nodes keep their published position.
 */
export function mergeForDiff(before: FlowDocument | null, after: FlowDocument): FlowDocument {
  if (!before) return after;
  const present = new Set(after.nodes.map((n) => n.id));
  const presentTransitions = new Set(after.transitions.map((t) => t.id));
  const removedNodes = before.nodes.filter((n) => !present.has(n.id));
  const positions = { ...after.layout.nodes };
  for (const node of removedNodes) {
    const at = before.layout.nodes[node.id];
    if (at) positions[node.id] = at;
  }
  return {
    ...after,
    nodes: [...after.nodes, ...removedNodes],
    transitions: [
      ...after.transitions,
      ...before.transitions.filter((t) => !presentTransitions.has(t.id)),
    ],
    layout: { ...after.layout, nodes: positions },
  };
}
