import type { Issue } from '@rumbo/flow';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { NodeInspector } from './node-inspector.tsx';
import { TransitionEditor } from './transition-editor.tsx';

/** The side panel: the selected node or transition, or what to do when nothing is selected. */
export function InspectorPanel({ issues }: { issues: readonly Issue[] }) {
  const { t } = useDesignerT();
  const selection = useEditor((s) => s.selection);
  // Not the whole document: its layout changes with every frame of a drag.
  const nodes = useEditor((s) => s.document.nodes);
  const transitions = useEditor((s) => s.document.transitions);
  const duplicate = useEditor((s) => s.duplicate);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const count = selection.nodeIds.length + selection.transitionIds.length;
  const node =
    selection.nodeIds.length === 1 && selection.transitionIds.length === 0
      ? nodes.find((n) => n.id === selection.nodeIds[0])
      : undefined;
  const transition =
    selection.transitionIds.length === 1 && selection.nodeIds.length === 0
      ? transitions.find((x) => x.id === selection.transitionIds[0])
      : undefined;
  return (
    <aside className="inspector-panel" aria-label={t('inspector.label')} id="designer-inspector">
      {node && <NodeInspector key={node.id} node={node} issues={issues} />}
      {transition && <TransitionEditor key={transition.id} transition={transition} />}
      {!node && !transition && count > 1 && (
        <section className="inspector">
          <h2 className="panel-title" tabIndex={-1}>
            {t('inspector.many', { count })}
          </h2>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={duplicate}>
              {t('actions.duplicate')}
            </button>
            <button type="button" className="button button--danger" onClick={deleteSelection}>
              {t('actions.delete')}
            </button>
          </div>
        </section>
      )}
      {count === 0 && (
        <section className="inspector inspector--empty">
          <h2 className="panel-title" tabIndex={-1}>
            {t('inspector.emptyTitle')}
          </h2>
          <p>{t('inspector.emptyBody')}</p>
        </section>
      )}
    </aside>
  );
}
