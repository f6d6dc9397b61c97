import { useMemo, useState } from 'react';
import { useDesignerT } from '../editor/editor-context.tsx';
import { leadReader, type PreviewPart, previewLeads, previewParts } from './email-preview.ts';
import { SelectField } from './fields.tsx';

/**
 * Subject and body as a sample lead will read them. Fields the lead has no value for are
 * marked, so a typo such as `{{ lead.nmae }}` shows before anyone receives a blank.
 */
export function EmailPreview({ subject, body }: { subject: string; body: string }) {
  const { t, locale } = useDesignerT();
  // Anchored once per language: birthdays and sign-up dates stay put while typing.
  const leads = useMemo(() => previewLeads(locale, Date.now()), [locale]);
  const [picked, setPicked] = useState('0');
  const lead = leads[Number(picked)] ?? leads[0];
  if (!lead) return null;
  const read = leadReader(lead);
  const subjectParts = previewParts(subject, read);
  const bodyParts = previewParts(body, read);
  const missing = [...subjectParts, ...bodyParts].flatMap((p) =>
    p.kind === 'field' && p.missing ? [p.path] : [],
  );
  return (
    <section className="email-preview" aria-labelledby="email-preview-title">
      <h3 id="email-preview-title" className="email-preview__title">
        {t('preview.title')}
      </h3>
      <SelectField
        label={t('preview.lead')}
        hint={t('preview.leadHint')}
        value={picked}
        options={leads.map((l, i) => ({ value: String(i), label: l.name }))}
        onChange={setPicked}
      />
      <div className="email-preview__card">
        <p className="email-preview__subject">
          <span className="email-preview__label">{t('preview.subject')}</span>{' '}
          <Rendered parts={subjectParts} />
        </p>
        <p className="email-preview__body">
          <Rendered parts={bodyParts} />
        </p>
      </div>
      {missing.length > 0 && (
        <p className="field__hint" role="status">
          <span className="field__error">
            {t('preview.missing', { fields: [...new Set(missing)].join(', ') })}
          </span>{' '}
          {t('preview.missingHint')}
        </p>
      )}
    </section>
  );
}

function Rendered({ parts }: { parts: PreviewPart[] }) {
  const { t } = useDesignerT();
  return (
    <>
      {parts.map((part, index) => {
        if (part.kind === 'text') {
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, rebuilt on every key
          return <span key={index}>{part.text}</span>;
        }
        if (!part.missing) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, rebuilt on every key
            <span key={index} className="email-preview__value">
              {part.text}
            </span>
          );
        }
        return (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, rebuilt on every key
            key={index}
            className="email-preview__missing"
            title={t('preview.noValue', { field: part.path })}
          >
            {part.text === '' ? `{{ lead.${part.path} }}` : part.text}
          </mark>
        );
      })}
    </>
  );
}
