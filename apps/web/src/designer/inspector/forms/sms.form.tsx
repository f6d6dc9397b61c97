import { SmsConfig } from '@rumbo/flow';
import { useRef } from 'react';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { TextArea, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { MergeFieldButtons } from '../merge-field-buttons.tsx';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';
import { countSms } from './sms-segments.ts';

export function SmsForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, SmsConfig);
  const text = useRef<HTMLTextAreaElement>(null);
  const count = countSms(config.text);
  return (
    <>
      {broken && <BrokenConfig />}
      <TextArea
        label={t('sms.text')}
        rows={5}
        textareaRef={text}
        value={config.text}
        onChange={(value) => set({ text: value }, 'text')}
        error={fieldError(issues, ['text'], locale)}
        hint={
          <span className="sms-count" aria-live="polite">
            {t('sms.count', {
              characters: count.units,
              segments: count.segments,
              encoding: count.encoding,
            })}
            {count.offending.length > 0 && (
              <> {t('sms.ucs2', { characters: count.offending.join(' ') })}</>
            )}
          </span>
        }
      />
      <MergeFieldButtons
        target={text}
        value={config.text}
        onInsert={(value) => set({ text: value }, 'text')}
      />
      <p className="field__hint">{t('sms.mergeHint')}</p>
      <TextField
        label={t('sms.sender')}
        hint={t('sms.senderHint')}
        value={config.sender}
        onChange={(sender) => set({ sender }, 'sender')}
        error={fieldError(issues, ['sender'], locale)}
      />
    </>
  );
}
