import {
  DEFAULT_STALE_POLICY,
  type FlowNode,
  type StalePolicy,
  stalePolicyText,
  TIME_UNITS,
} from '@rumbo/flow';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { DurationFields, SelectField } from './fields.tsx';

type Choice = 'campaign' | StalePolicy['action'];

/** A whole number of units a Duration accepts; an empty box reads as 0. */
const wholeAmount = (n: number | undefined) => Math.min(100_000, Math.max(0, Math.round(n ?? 0)));

/**
 * What a sending node does with a step that fell due long ago (after an outage or a pause):
 * the campaign's policy, named in words, or its own — send anyway or skip — after a tolerance.
 */
export function StalePolicyField({ node }: { node: FlowNode }) {
  const { t, locale } = useDesignerT();
  const updateNode = useEditor((s) => s.updateNode);
  const campaign = useEditor((s) => s.document.settings.stalePolicy) ?? DEFAULT_STALE_POLICY;
  const own = node.stalePolicy;
  const choice: Choice = own?.action ?? 'campaign';
  const set = (stalePolicy: StalePolicy | null, field: string) =>
    updateNode(node.id, { stalePolicy }, { coalesce: `${node.id}:stale:${field}` });
  const options: { value: Choice; label: string }[] = [
    {
      value: 'campaign',
      label: t('inspector.lateChoices.campaign', { policy: stalePolicyText(campaign, locale) }),
    },
    { value: 'send', label: t('inspector.lateChoices.send') },
    { value: 'skip', label: t('inspector.lateChoices.skip') },
  ];
  return (
    <fieldset className="fieldset">
      <legend>{t('inspector.late')}</legend>
      <SelectField
        label={t('inspector.lateAction')}
        hint={t('inspector.lateHint')}
        value={choice}
        options={options}
        onChange={(picked) =>
          set(
            picked === 'campaign' ? null : { action: picked, after: own?.after ?? campaign.after },
            'action',
          )
        }
      />
      {own && (
        <DurationFields
          amountLabel={t('inspector.lateAfter')}
          unitLabel={t('duration.unit')}
          amount={own.after.amount}
          unit={own.after.unit}
          units={TIME_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))}
          onAmount={(amount) =>
            set({ ...own, after: { ...own.after, amount: wholeAmount(amount) } }, 'amount')
          }
          onUnit={(unit) => set({ ...own, after: { ...own.after, unit } }, 'unit')}
        />
      )}
    </fieldset>
  );
}
