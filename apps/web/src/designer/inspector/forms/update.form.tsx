import { type JsonValue, STAGES, type Stage, UpdateConfig } from '@rumbo/flow';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { SelectField } from '../fields.tsx';
import type { NodeFormProps } from '../form-props.ts';
import { KeyValueField, ListField } from '../list-fields.tsx';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

/** Numbers and true/false are stored as such; everything else as text. */
function parseLoose(text: string): JsonValue {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

const showValue = (value: JsonValue) => (typeof value === 'string' ? value : JSON.stringify(value));

export function UpdateForm({ node }: NodeFormProps) {
  const { t } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, UpdateConfig);
  const attributes = Object.fromEntries(
    Object.entries(config.setAttributes).map(([k, v]) => [k, showValue(v)]),
  );
  const stageOptions: { value: Stage | 'unchanged'; label: string }[] = [
    { value: 'unchanged', label: t('update.unchanged') },
    ...STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) })),
  ];
  return (
    <>
      {broken && <BrokenConfig />}
      <SelectField
        label={t('update.stage')}
        value={config.stage ?? 'unchanged'}
        options={stageOptions}
        onChange={(v) => set({ stage: v === 'unchanged' ? null : v }, 'stage')}
      />
      <KeyValueField
        legend={t('update.setAttributes')}
        entries={attributes}
        newKey={t('update.newAttribute')}
        onChange={(entries) =>
          set(
            {
              setAttributes: Object.fromEntries(
                Object.entries(entries).map(([k, v]) => [k, parseLoose(v)]),
              ),
            },
            'setAttributes',
          )
        }
      />
      <ListField
        label={t('update.unsetAttributes')}
        hint={t('update.commaHint')}
        values={config.unsetAttributes}
        onChange={(unsetAttributes) => set({ unsetAttributes }, 'unsetAttributes')}
      />
      <ListField
        label={t('update.addTags')}
        hint={t('update.commaHint')}
        values={config.addTags}
        onChange={(addTags) => set({ addTags }, 'addTags')}
      />
      <ListField
        label={t('update.removeTags')}
        values={config.removeTags}
        onChange={(removeTags) => set({ removeTags }, 'removeTags')}
      />
    </>
  );
}
