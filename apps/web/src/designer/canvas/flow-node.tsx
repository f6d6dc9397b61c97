import type { Issue } from '@rumbo/flow';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { hasIncoming, hasOutgoing, moduleFor } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import type { DesignerNode } from '../store/react-flow.mapping.ts';
import { NodeGlyph } from './node-glyph.tsx';

/** One node on the canvas: what it is, what the marketer called it, what it costs, what is wrong. */
export const FlowNodeView = memo(function FlowNodeView({
  data,
  selected,
}: NodeProps<DesignerNode>) {
  const { t, locale } = useDesignerT();
  const currency = useEditor((s) => s.document.settings.currency);
  const { node, issues } = data;
  const module = moduleFor(node.type);
  const category = module?.category ?? 'unknown';
  const typeName = module?.label[locale] ?? node.type;
  const cost = node.cost ?? module?.defaultCost ?? 0;
  // Logic and timing steps cost nothing by default: a "0,00 € por lead" there is only noise.
  const acts =
    module !== undefined &&
    !['none', 'enter', 'goal', 'exit'].includes(module.action) &&
    (module.channel !== null || cost > 0);
  const goalValue =
    node.type === 'goal' && typeof node.config.value === 'number' ? node.config.value : null;
  const noteText = node.type === 'note' ? String(node.config.text ?? '') : '';
  return (
    <div
      className={`flow-node flow-node--${category}${selected ? ' is-selected' : ''}`}
      data-node-type={node.type}
    >
      {hasIncoming(node.type) && <Handle type="target" position={Position.Left} />}
      <div className="flow-node__head">
        <NodeGlyph icon={module?.icon} type={node.type} />
        <span className="flow-node__type">{typeName}</span>
        <IssueBadges issues={issues} />
      </div>
      <div className="flow-node__name">{node.name || t('node.unnamed')}</div>
      {noteText && <div className="flow-node__note">{noteText}</div>}
      {acts && (
        <div className="flow-node__cost">
          {t('node.costPerLead', { cost: formatMoney(cost, currency, locale) })}
        </div>
      )}
      {goalValue !== null && (
        <div className="flow-node__cost">
          {t('node.goalValue', { value: formatMoney(goalValue, currency, locale) })}
        </div>
      )}
      {hasOutgoing(node.type) && <Handle type="source" position={Position.Right} />}
    </div>
  );
});

export function IssueBadges({ issues }: { issues: readonly Issue[] }) {
  const { t } = useDesignerT();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return (
    <span className="issue-badges">
      {errors > 0 && (
        <span
          className="issue-badge issue-badge--error"
          title={t('issues.errors', { count: errors })}
        >
          <span aria-hidden="true">!</span> {errors}
          <span className="visually-hidden">{t('issues.errors', { count: errors })}</span>
        </span>
      )}
      {warnings > 0 && (
        <span
          className="issue-badge issue-badge--warning"
          title={t('issues.warnings', { count: warnings })}
        >
          <span aria-hidden="true">⚠</span> {warnings}
          <span className="visually-hidden">{t('issues.warnings', { count: warnings })}</span>
        </span>
      )}
    </span>
  );
}

/** Making an `Intl.NumberFormat` costs far more than using one: one per language and currency. */
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

export function formatMoney(amount: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        maximumFractionDigits: 4,
      });
    } catch {
      // A currency code Intl does not know (being typed in the settings): plain figures.
      format = null;
    }
    moneyFormats.set(key, format);
  }
  return format ? format.format(amount) : `${amount} ${currency}`;
}
