import { EmailConfig } from '@rumbo/flow';
import { useRef } from 'react';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { EmailPreview } from '../email-preview.tsx';
import { TextArea, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { MergeFieldButtons } from '../merge-field-buttons.tsx';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

export function EmailForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, EmailConfig);
  const body = useRef<HTMLTextAreaElement>(null);
  const links = config.links;
  return (
    <>
      {broken && <BrokenConfig />}
      <TextField
        label={t('email.subject')}
        value={config.subject}
        onChange={(subject) => set({ subject }, 'subject')}
        error={fieldError(issues, ['subject'], locale)}
      />
      <TextField
        label={t('email.preheader')}
        hint={t('email.preheaderHint')}
        value={config.preheader}
        onChange={(preheader) => set({ preheader }, 'preheader')}
      />
      <TextArea
        label={t('email.body')}
        rows={8}
        textareaRef={body}
        value={config.body}
        onChange={(text) => set({ body: text }, 'body')}
        error={fieldError(issues, ['body'], locale)}
      />
      <MergeFieldButtons
        target={body}
        value={config.body}
        onInsert={(text) => set({ body: text }, 'body')}
      />
      <EmailPreview subject={config.subject} body={config.body} />
      <fieldset className="fieldset">
        <legend>{t('email.links')}</legend>
        <p className="field__hint">
          {t('email.linksHint', { tag: `{{ links.${t('email.linkIdExample')} }}` })}
        </p>
        {links.map((link, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; keying by the id being typed would remount the input on every key
          <div className="row" key={index}>
            <TextField
              label={t('email.linkId')}
              value={link.id}
              onChange={(text) => {
                const id = text.replace(/[^A-Za-z0-9_-]+/g, '_');
                set(
                  { links: links.map((l, i) => (i === index ? { ...l, id } : l)) },
                  `links.${index}.id`,
                );
              }}
              error={fieldError(issues, ['links', index, 'id'], locale)}
            />
            <TextField
              label={t('email.linkUrl')}
              type="url"
              value={link.url}
              onChange={(url) =>
                set(
                  { links: links.map((l, i) => (i === index ? { ...l, url } : l)) },
                  `links.${index}.url`,
                )
              }
              error={fieldError(issues, ['links', index, 'url'], locale)}
            />
            <button
              type="button"
              className="button button--ghost"
              onClick={() => set({ links: links.filter((_, i) => i !== index) }, 'links')}
              aria-label={t('email.removeLink', { id: link.id })}
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
                links: [...links, { id: `enlace${links.length + 1}`, url: 'https://', label: '' }],
              },
              'links',
            )
          }
        >
          {t('email.addLink')}
        </button>
      </fieldset>
      <TextField
        label={t('email.fromName')}
        value={config.from.name}
        onChange={(name) => set({ from: { ...config.from, name } }, 'from.name')}
        placeholder={t('email.defaultSender')}
      />
      <TextField
        label={t('email.fromAddress')}
        type="email"
        value={config.from.address}
        onChange={(address) => set({ from: { ...config.from, address } }, 'from.address')}
        placeholder={t('email.defaultSender')}
        error={fieldError(issues, ['from', 'address'], locale)}
      />
    </>
  );
}
