import { BRANCH_MODES, BranchConfig, type Transition } from '@rumbo/flow';
import { useDesignerT, useEditor } from '../../editor/editor-context.tsx';
import { ConditionBuilder } from '../condition-builder.tsx';
import { SelectField } from '../fields.tsx';
import type { NodeFormProps } from '../form-props.ts';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

/** Ordered conditions (first that holds wins) and the "otherwise" path, edited on the transitions. */
export function BranchForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, BranchConfig);
  const transitions = useEditor((s) => s.document.transitions);
  const nodes = useEditor((s) => s.document.nodes);
  const updateTriggers = useEditor((s) => s.updateTriggers);
  const outgoing = transitions.filter((x) => x.source === node.id);
  const conditions = outgoing
    .flatMap((x) => (x.trigger.kind === 'condition' ? [{ transition: x, trigger: x.trigger }] : []))
    .sort((a, b) => a.trigger.order - b.trigger.order);
  const otherwise = outgoing.find((x) => x.trigger.kind === 'else');
  const targetName = (x: Transition) => nodes.find((n) => n.id === x.target)?.name ?? '?';
  /** Renumbers 0…n-1 in the new order, as one undo step. */
  const reorder = (from: number, to: number) => {
    const list = [...conditions];
    const [moved] = list.splice(from, 1);
    if (!moved) return;
    list.splice(to, 0, moved);
    updateTriggers(
      list.map((c, order) => ({ id: c.transition.id, trigger: { ...c.trigger, order } })),
    );
  };
  return (
    <>
      {broken && <BrokenConfig />}
      <SelectField
        label={t('branch.mode')}
        value={config.mode}
        options={BRANCH_MODES.map((m) => ({ value: m, label: t(`branch.modes.${m}`) }))}
        onChange={(mode) => set({ mode }, 'mode')}
        hint={t(`branch.modeHints.${config.mode}`)}
      />
      {conditions.length === 0 && <p className="field__hint">{t('branch.noConditions')}</p>}
      <ol className="branch-conditions">
        {conditions.map((c, index) => (
          <li key={c.transition.id} className="fieldset">
            <div className="branch-conditions__head">
              <strong>
                {t('branch.condition', { index: index + 1, target: targetName(c.transition) })}
              </strong>
              <button
                type="button"
                className="button button--ghost"
                disabled={index === 0}
                onClick={() => reorder(index, index - 1)}
                aria-label={t('branch.moveUp', { index: index + 1 })}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--ghost"
                disabled={index === conditions.length - 1}
                onClick={() => reorder(index, index + 1)}
                aria-label={t('branch.moveDown', { index: index + 1 })}
              >
                ↓
              </button>
            </div>
            <ConditionBuilder
              rule={c.trigger.rule}
              onChange={(rule) =>
                updateTriggers([{ id: c.transition.id, trigger: { ...c.trigger, rule } }])
              }
            />
          </li>
        ))}
      </ol>
      <p className={otherwise ? 'field__hint' : 'notice notice--warning'}>
        {otherwise ? t('branch.else', { target: targetName(otherwise) }) : t('branch.noElse')}
      </p>
    </>
  );
}
