import { HTTP_METHODS, WebhookConfig } from '@rumbo/flow';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { NumberField, SelectField, TextArea, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { KeyValueField } from '../list-fields.tsx';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

export function WebhookForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, WebhookConfig);
  return (
    <>
      {broken && <BrokenConfig />}
      <div className="row">
        <SelectField
          label={t('webhook.method')}
          value={config.method}
          options={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
          onChange={(method) => set({ method }, 'method')}
        />
        <TextField
          label={t('webhook.url')}
          type="url"
          placeholder="https://"
          value={config.url}
          onChange={(url) => set({ url }, 'url')}
          error={fieldError(issues, ['url'], locale)}
        />
      </div>
      <KeyValueField
        legend={t('webhook.headers')}
        entries={config.headers}
        onChange={(headers) => set({ headers }, 'headers')}
      />
      <TextArea
        label={t('webhook.body')}
        hint={t('webhook.bodyHint')}
        rows={5}
        value={config.body}
        onChange={(body) => set({ body }, 'body')}
        error={fieldError(issues, ['body'], locale)}
      />
      <NumberField
        label={t('webhook.timeout')}
        min={0.1}
        max={30}
        step={0.5}
        value={config.timeoutMs / 1000}
        onChange={(s) =>
          set({ timeoutMs: Math.round(Math.max(0.1, Math.min(30, s ?? 5)) * 1000) }, 'timeoutMs')
        }
      />
    </>
  );
}
