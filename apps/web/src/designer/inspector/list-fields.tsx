import { useEffect, useState } from 'react';
import { useDesignerT } from '../editor/editor-context.tsx';
import { TextField } from './fields.tsx';

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/**
 * A comma-separated list (tags, attribute names). Keeps the text as typed, so a trailing
 * comma does not vanish under the cursor, and stores the parsed list.
 */
export function ListField({
  label,
  hint,
  values,
  onChange,
}: {
  label: string;
  hint?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const [text, setText] = useState(values.join(', '));
  useEffect(() => {
    setText((current) =>
      splitList(current).join() === values.join() ? current : values.join(', '),
    );
  }, [values]);
  return (
    <TextField
      label={label}
      hint={hint}
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(splitList(next));
      }}
    />
  );
}

/** Key/value rows (headers, attributes to set). */
export function KeyValueField({
  legend,
  entries,
  onChange,
  newKey = '',
}: {
  legend: string;
  /** Key of a freshly added row (some records refuse an empty key). */
  newKey?: string;
  entries: Readonly<Record<string, string>>;
  onChange: (entries: Record<string, string>) => void;
}) {
  const { t } = useDesignerT();
  const rows = Object.entries(entries);
  const replace = (index: number, key: string, value: string) =>
    onChange(Object.fromEntries(rows.map((row, i) => (i === index ? [key, value] : row))));
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {rows.map(([key, value], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; keying by the id being typed would remount the input on every key
        <div className="row" key={index}>
          <TextField
            label={t('keyValue.key')}
            value={key}
            onChange={(k) => replace(index, k, value)}
          />
          <TextField
            label={t('keyValue.value')}
            value={value}
            onChange={(v) => replace(index, key, v)}
          />
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onChange(Object.fromEntries(rows.filter((_, i) => i !== index)))}
            aria-label={t('keyValue.remove', { key })}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--secondary"
        disabled={Object.hasOwn(entries, newKey)}
        onClick={() => onChange({ ...entries, [newKey]: '' })}
      >
        {t('keyValue.add')}
      </button>
    </fieldset>
  );
}
