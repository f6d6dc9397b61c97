import { Handle, type NodeProps, Position } from '@xyflow/react';
import { NodeGlyph } from '../designer/canvas/node-glyph.tsx';
import { hasIncoming, hasOutgoing, moduleFor } from '../designer/catalogue/designer-catalogue.ts';
import type { DesignerNode } from '../designer/store/react-flow.mapping.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { useFlowView } from './flow-view-context.ts';

/** A node of the read-only canvas: type, name and the overlay's counts. */
export function FlowViewNode({ data }: NodeProps<DesignerNode>) {
  const locale = useLanguage();
  const { overlay, primaryLabel, format, marks } = useFlowView();
  const { node } = data;
  const module = moduleFor(node.type);
  const counts = overlay?.nodes[node.id];
  const mark = marks?.nodes[node.id];
  return (
    <div
      className={`flow-node flow-view-node flow-node--${module?.category ?? 'unknown'}${mark ? ` flow-view-node--${mark}` : ''}`}
      data-node-type={node.type}
      data-node-id={node.id}
      data-mark={mark}
      title={counts?.details?.join('\n')}
    >
      {hasIncoming(node.type) && <Handle type="target" position={Position.Left} />}
      <div className="flow-node__head">
        <NodeGlyph icon={module?.icon} type={node.type} />
        <span className="flow-node__type">{module?.label[locale] ?? node.type}</span>
      </div>
      <div className="flow-node__name">{node.name}</div>
      {mark && marks && (
        <span className={`flow-view-mark flow-view-mark--${mark}`} data-testid="node-mark">
          {marks.labels[mark]}
        </span>
      )}
      {counts && (
        <div className="flow-view-node__counts">
          <span className="flow-view-node__primary" data-testid="node-count">
            {format(counts.primary)}
            <span className="visually-hidden"> {primaryLabel}</span>
          </span>
          {counts.secondary && counts.secondary.value > 0 && (
            <span className="flow-view-node__secondary">
              {format(counts.secondary.value)} {counts.secondary.label}
            </span>
          )}
        </div>
      )}
      {counts?.badges && counts.badges.length > 0 && (
        <div className="flow-view-node__badges">
          {counts.badges.map((badge) => (
            <span
              key={badge.text}
              className={`flow-view-node__badge flow-view-node__badge--${badge.tone}`}
            >
              {badge.text}
            </span>
          ))}
        </div>
      )}
      {hasOutgoing(node.type) && <Handle type="source" position={Position.Right} />}
    </div>
  );
}
