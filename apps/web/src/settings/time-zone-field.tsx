import { useId, useMemo } from 'react';

/**
 * A labelled text input for an IANA time zone (`Europe/Madrid`), suggesting the zones the
 * browser knows as the user types.
 */
export function TimeZoneField({
  label,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <>
      <label className="field">
        <span className="field__label">{label}</span>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={value}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      </label>
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
