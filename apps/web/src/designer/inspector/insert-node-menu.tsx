import type { TransitionId } from '@rumbo/flow';
import { useState } from 'react';
import { hasIncoming, hasOutgoing, paletteGroups } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { SelectField } from './fields.tsx';

/** "Insert a node here": splits a transition around a new node, keyboard-first. */
export function InsertNodeMenu({ transitionId }: { transitionId: TransitionId }) {
  const { t, locale } = useDesignerT();
  const insert = useEditor((s) => s.insertOnTransition);
  const types = paletteGroups()
    .flatMap((g) => g.modules)
    .filter((m) => hasIncoming(m.type) && hasOutgoing(m.type));
  const [type, setType] = useState(types[0]?.type ?? 'wait');
  return (
    <div className="inline-action">
      <SelectField
        label={t('transition.insert')}
        value={type}
        options={types.map((m) => ({ value: m.type, label: m.label[locale] }))}
        onChange={setType}
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => insert(transitionId, type, locale)}
      >
        {t('transition.insertButton')}
      </button>
    </div>
  );
}
