import { CALL_PRIORITIES, CallConfig } from '@rumbo/flow';
import { useRef } from 'react';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { SelectField, TextArea, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { MergeFieldButtons } from '../merge-field-buttons.tsx';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

/** Outcome ids become signal names: lowercase letters, digits and _ ("No contesta" → no_contesta). */
function asSignalName(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_');
  return /^[a-z]/.test(slug) ? slug : `r_${slug}`;
}

export function CallForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, CallConfig);
  const script = useRef<HTMLTextAreaElement>(null);
  const outcomes = config.outcomes;
  const setOutcome = (index: number, patch: Partial<(typeof outcomes)[number]>, field: string) =>
    set(
      { outcomes: outcomes.map((o, i) => (i === index ? { ...o, ...patch } : o)) },
      `outcomes.${index}.${field}`,
    );
  return (
    <>
      {broken && <BrokenConfig />}
      <TextArea
        label={t('call.script')}
        rows={7}
        textareaRef={script}
        value={config.script}
        onChange={(value) => set({ script: value }, 'script')}
        error={fieldError(issues, ['script'], locale)}
      />
      <MergeFieldButtons
        target={script}
        value={config.script}
        onInsert={(value) => set({ script: value }, 'script')}
      />
      <SelectField
        label={t('call.priority')}
        value={config.priority}
        options={CALL_PRIORITIES.map((p) => ({ value: p, label: t(`call.priorities.${p}`) }))}
        onChange={(priority) => set({ priority }, 'priority')}
      />
      <fieldset className="fieldset">
        <legend>{t('call.outcomes')}</legend>
        <p className="field__hint">{t('call.outcomesHint')}</p>
        {outcomes.map((outcome, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; keying by the id being typed would remount the input on every key
          <div className="row" key={index}>
            <TextField
              label={t('call.outcomeLabel')}
              value={outcome.label[locale]}
              onChange={(text) =>
                setOutcome(index, { label: { ...outcome.label, [locale]: text } }, 'label')
              }
            />
            <TextField
              label={t('call.outcomeId')}
              value={outcome.id}
              onChange={(id) => setOutcome(index, { id: asSignalName(id) }, 'id')}
              error={fieldError(issues, ['outcomes', index, 'id'], locale)}
            />
            <button
              type="button"
              className="button button--ghost"
              disabled={outcomes.length <= 1}
              onClick={() => set({ outcomes: outcomes.filter((_, i) => i !== index) }, 'outcomes')}
              aria-label={t('call.removeOutcome', { outcome: outcome.label[locale] })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            set(
              {
                outcomes: [
                  ...outcomes,
                  {
                    id: `resultado_${outcomes.length + 1}`,
                    label: { es: 'Nuevo resultado', en: 'New outcome' },
                  },
                ],
              },
              'outcomes',
            )
          }
        >
          {t('call.addOutcome')}
        </button>
      </fieldset>
    </>
  );
}
