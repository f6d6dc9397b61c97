import { ExitConfig, GoalConfig, NOTE_COLOURS, NoteConfig } from '@rumbo/flow';
import { useDesignerT, useEditor } from '../../editor/editor-context.tsx';
import { NumberField, SelectField, TextArea, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

export function GoalForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const currency = useEditor((s) => s.document.settings.currency);
  const { config, broken, set } = useNodeConfig(node, GoalConfig);
  return (
    <>
      {broken && <BrokenConfig />}
      <NumberField
        label={t('goal.value', { currency })}
        hint={t('goal.valueHint')}
        min={0}
        value={config.value}
        onChange={(value) => set({ value: Math.max(0, value ?? 0) }, 'value')}
        error={fieldError(issues, ['value'], locale)}
      />
    </>
  );
}

export function ExitForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, ExitConfig);
  return (
    <>
      {broken && <BrokenConfig />}
      <TextField
        label={t('exit.reason')}
        hint={t('exit.reasonHint')}
        value={config.reason}
        onChange={(reason) => set({ reason }, 'reason')}
      />
    </>
  );
}

export function NoteForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, NoteConfig);
  return (
    <>
      {broken && <BrokenConfig />}
      <TextArea
        label={t('note.text')}
        rows={6}
        value={config.text}
        onChange={(text) => set({ text }, 'text')}
      />
      <SelectField
        label={t('note.color')}
        value={config.color}
        options={NOTE_COLOURS.map((c) => ({ value: c, label: t(`note.colors.${c}`) }))}
        onChange={(color) => set({ color }, 'color')}
      />
    </>
  );
}
