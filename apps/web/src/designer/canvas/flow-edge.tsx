import { transitionLabel } from '@rumbo/flow';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { PALETTE_MIME } from '../palette/palette-mime.ts';
import type { DesignerEdge } from '../store/react-flow.mapping.ts';

/** A transition drawn as a curve with its trigger in words ("Abrió el email", "Tras 3 días"). */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<DesignerEdge>) {
  const { id, data, selected, markerEnd } = props;
  const { locale, t } = useDesignerT();
  const select = useEditor((s) => s.select);
  const insertOnTransition = useEditor((s) => s.insertOnTransition);
  const [path, labelX, labelY] = getBezierPath(props);
  const transition = data?.transition;
  const source = data?.source;
  const issues = data?.issues ?? [];
  const text = transition
    ? (transition.label ?? (source ? transitionLabel(transition, source, locale) : ''))
    : '';
  const severity = issues.some((i) => i.severity === 'error')
    ? 'error'
    : issues.some((i) => i.severity === 'warning')
      ? 'warning'
      : null;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`flow-edge${selected ? ' is-selected' : ''}${severity ? ` has-${severity}` : ''}`}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`flow-edge__label nodrag nopan${selected ? ' is-selected' : ''}${severity ? ` has-${severity}` : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          onClick={() => transition && select({ transitionIds: [transition.id] })}
          onDragOver={(event) => {
            if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
          }}
          onDrop={(event) => {
            // A step dropped on a transition's label goes in between, keeping both ends joined.
            const type = event.dataTransfer.getData(PALETTE_MIME);
            if (!type || !transition) return;
            event.preventDefault();
            event.stopPropagation();
            insertOnTransition(transition.id, type, locale);
          }}
          title={t('edge.dropHint')}
          aria-label={t('edge.aria', { label: text })}
          data-transition-id={id}
        >
          {severity && (
            <span className={`issue-dot issue-dot--${severity}`} aria-hidden="true">
              {severity === 'error' ? '!' : '⚠'}
            </span>
          )}
          {text}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});
