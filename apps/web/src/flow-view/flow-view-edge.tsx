import { transitionLabel } from '@rumbo/flow';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import type { DesignerEdge } from '../designer/store/react-flow.mapping.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { edgeWeight } from './flow-overlay.ts';
import { useFlowView } from './flow-view-context.ts';

/** A transition in words with how many leads passed; thicker the more passed. */
export function FlowViewEdge(props: EdgeProps<DesignerEdge>) {
  const locale = useLanguage();
  const { document, overlay, format, marks } = useFlowView();
  const [path, labelX, labelY] = getBezierPath(props);
  const transition = props.data?.transition;
  const source = document.nodes.find((n) => n.id === props.source);
  const text = transition
    ? (transition.label ?? (source ? transitionLabel(transition, source, locale) : ''))
    : '';
  const count = overlay ? (overlay.transitions[props.id] ?? 0) : null;
  const weight = overlay ? edgeWeight(overlay, props.id) : 0;
  const mark = marks?.transitions[props.id];
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        className={`flow-edge flow-view-edge${count === 0 ? ' is-empty' : ''}${mark ? ` flow-view-edge--${mark}` : ''}`}
        style={{ strokeWidth: 1.5 + weight * 6 }}
      />
      <EdgeLabelRenderer>
        <div
          className="flow-edge__label flow-view-edge__label"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-transition-id={props.id}
          data-mark={mark}
        >
          {text}
          {mark && marks && (
            <span className={`flow-view-mark flow-view-mark--${mark}`}>{marks.labels[mark]}</span>
          )}
          {count !== null && (
            <strong className="flow-view-edge__count" data-testid="edge-count">
              {format(count)}
            </strong>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
