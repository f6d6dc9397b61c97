import { type ReactNode, useId } from 'react';

/** Labelled form controls for the inspector: every control has a visible label and a hint slot. */

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

function Field({
  label,
  hint,
  error,
  children,
}: FieldProps & { children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = hint || error ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {(hint || error) && (
        <div id={hintId} className="field__hint">
          {error && <span className="field__error">{error}</span>} {hint}
        </div>
      )}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    placeholder?: string;
    type?: 'text' | 'url' | 'email' | 'date' | 'time';
    inputRef?: React.Ref<HTMLInputElement>;
    list?: string;
  },
) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <input
          id={id}
          ref={props.inputRef}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          list={props.list}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export function TextArea(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    rows?: number;
    textareaRef?: React.Ref<HTMLTextAreaElement>;
  },
) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <textarea
          id={id}
          ref={props.textareaRef}
          rows={props.rows ?? 5}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A number input that keeps what the user types until it is a number (no jumping to 0). */
export function NumberField(
  props: FieldProps & {
    value: number | undefined;
    onChange: (value: number | undefined) => void;
    min?: number;
    max?: number;
    step?: number;
    placeholder?: string;
  },
) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={props.value ?? ''}
          min={props.min}
          max={props.max}
          step={props.step ?? 'any'}
          placeholder={props.placeholder}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          onChange={(event) => {
            const raw = event.target.value;
            if (raw === '') return props.onChange(undefined);
            const n = Number(raw);
            if (Number.isFinite(n)) props.onChange(n);
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & {
    value: V;
    options: readonly { value: V; label: string }[];
    onChange: (value: V) => void;
  },
) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <select
          id={id}
          value={props.value}
          aria-describedby={describedBy}
          onChange={(event) => {
            const picked = props.options.find((o) => o.value === event.target.value);
            if (picked) props.onChange(picked.value);
          }}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** An amount and its time unit side by side: a window, a waiting time, a tolerance. */
export function DurationFields<U extends string>(props: {
  amountLabel: string;
  unitLabel: string;
  amount: number | undefined;
  unit: U;
  units: readonly { value: U; label: string }[];
  onAmount: (amount: number | undefined) => void;
  onUnit: (unit: U) => void;
  error?: string | undefined;
}) {
  return (
    <div className="row">
      <NumberField
        label={props.amountLabel}
        min={0}
        step={1}
        value={props.amount}
        onChange={props.onAmount}
        error={props.error}
      />
      <SelectField
        label={props.unitLabel}
        value={props.unit}
        options={props.units}
        onChange={props.onUnit}
      />
    </div>
  );
}
