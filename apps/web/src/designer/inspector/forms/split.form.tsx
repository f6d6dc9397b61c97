import { useDesignerT, useEditor } from '../../editor/editor-context.tsx';
import { NumberField } from '../fields.tsx';
import type { NodeFormProps } from '../form-props.ts';

/** A/B weights of the outgoing transitions, with their sum (it must be 100). */
export function SplitForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const transitions = useEditor((s) => s.document.transitions);
  const nodes = useEditor((s) => s.document.nodes);
  const updateTriggers = useEditor((s) => s.updateTriggers);
  const paths = transitions.flatMap((x) =>
    x.source === node.id && x.trigger.kind === 'split'
      ? [{ transition: x, trigger: x.trigger }]
      : [],
  );
  const sum = paths.reduce((acc, p) => acc + p.trigger.weight, 0);
  const evenOut = () => {
    const base = Math.floor(100 / paths.length);
    updateTriggers(
      paths.map((p, i) => ({
        id: p.transition.id,
        trigger: { ...p.trigger, weight: i === 0 ? 100 - base * (paths.length - 1) : base },
      })),
    );
  };
  if (paths.length === 0) return <p className="field__hint">{t('split.noPaths')}</p>;
  return (
    <fieldset className="fieldset">
      <legend>{t('split.weights')}</legend>
      {paths.map((p) => (
        <NumberField
          key={p.transition.id}
          label={t('split.to', {
            target: nodes.find((n) => n.id === p.transition.target)?.name ?? '?',
          })}
          min={0}
          max={100}
          value={p.trigger.weight}
          onChange={(n) =>
            updateTriggers(
              [
                {
                  id: p.transition.id,
                  trigger: { ...p.trigger, weight: Math.max(0, Math.min(100, n ?? 0)) },
                },
              ],
              { coalesce: `${p.transition.id}:weight` },
            )
          }
        />
      ))}
      <p className={sum === 100 ? 'split-sum' : 'split-sum split-sum--bad'} aria-live="polite">
        {t('split.sum', { sum })} {sum === 100 ? '✓' : `— ${t('split.mustBe100')}`}
      </p>
      <button type="button" className="button button--secondary" onClick={evenOut}>
        {t('split.evenOut')}
      </button>
    </fieldset>
  );
}
