import type { FlowNode } from '@rumbo/flow';
import { useState } from 'react';
import { hasIncoming, hasOutgoing } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { SelectField } from './fields.tsx';

/** "Connect to…": draws a transition from this node without dragging a handle. */
export function ConnectMenu({ node }: { node: FlowNode }) {
  const { t } = useDesignerT();
  const nodes = useEditor((s) => s.document.nodes);
  const connect = useEditor((s) => s.connect);
  const targets = nodes.filter((n) => n.id !== node.id && hasIncoming(n.type));
  const [target, setTarget] = useState('');
  if (!hasOutgoing(node.type)) return null;
  const chosen = targets.find((n) => n.id === target) ?? targets[0];
  if (!chosen) return <p className="field__hint">{t('connect.noTargets')}</p>;
  return (
    <div className="inline-action">
      <SelectField
        label={t('connect.label')}
        value={chosen.id}
        options={targets.map((n) => ({ value: n.id, label: n.name || n.type }))}
        onChange={setTarget}
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => connect(node.id, chosen.id)}
      >
        {t('connect.button')}
      </button>
    </div>
  );
}
