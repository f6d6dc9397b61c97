import { TIME_UNITS, type TimeUnit, type ValueType } from '@rumbo/flow';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface ComparisonInputProps {
  type: ValueType;
  operator: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Names the inputs for screen readers ("Valor de País"). */
  label: string;
  /** Values seen in the data ("MX", "ES"), offered while typing a text. */
  suggestions?: readonly string[];
}

const isUnit = (value: unknown): value is TimeUnit => TIME_UNITS.some((unit) => unit === value);

/** Typed text from an input: numbers stay numbers when they read as one, else the text itself. */
function typed(type: ValueType, text: string): unknown {
  if (type !== 'number' || text.trim() === '') return text;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

const inputType = (type: ValueType) =>
  type === 'number' ? 'number' : type === 'date' ? 'date' : 'text';
const asText = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The operand of one comparison, shaped by its operator (a list, a range, a duration…). */
export function ComparisonInput({
  type,
  operator,
  value,
  onChange,
  label,
  suggestions = [],
}: ComparisonInputProps) {
  const { t } = useTranslation('segments');
  const listId = useId();
  const list =
    suggestions.length > 0 ? (
      <datalist id={listId}>
        {suggestions.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
    ) : null;
  switch (operator) {
    case 'isSet':
    case 'isNotSet':
      return null;
    case 'in':
    case 'notIn': {
      const values = Array.isArray(value) ? value : [];
      return (
        <input
          className="rule-input rule-input--wide"
          aria-label={label}
          placeholder={t('builder.listPlaceholder')}
          defaultValue={values.join(', ')}
          onChange={(event) =>
            onChange(
              event.target.value
                .split(',')
                .map((part) => part.trim())
                .filter((part) => part !== '')
                .map((part) => typed(type, part)),
            )
          }
        />
      );
    }
    case 'between': {
      const [from, to] = Array.isArray(value) ? value : ['', ''];
      return (
        <span className="rule-inline">
          <input
            className="rule-input"
            type={inputType(type)}
            aria-label={`${label} (${t('builder.from')})`}
            value={asText(from)}
            onChange={(event) => onChange([typed(type, event.target.value), to])}
          />
          <span>{t('builder.and')}</span>
          <input
            className="rule-input"
            type={inputType(type)}
            aria-label={`${label} (${t('builder.to')})`}
            value={asText(to)}
            onChange={(event) => onChange([from, typed(type, event.target.value)])}
          />
        </span>
      );
    }
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return <DurationInput value={value} onChange={onChange} label={label} />;
    case 'anniversaryWithin':
      return (
        <span className="rule-inline">
          <input
            className="rule-input rule-input--short"
            type="number"
            min={0}
            max={366}
            aria-label={label}
            value={asText(value)}
            onChange={(event) => onChange(typed('number', event.target.value))}
          />
          <span>{t('builder.units.days')}</span>
        </span>
      );
    default:
      if (type === 'boolean') {
        return (
          <select
            className="rule-input"
            aria-label={label}
            value={value === false ? 'false' : 'true'}
            onChange={(event) => onChange(event.target.value === 'true')}
          >
            <option value="true">{t('builder.yes')}</option>
            <option value="false">{t('builder.no')}</option>
          </select>
        );
      }
      return (
        <>
          <input
            className="rule-input"
            type={inputType(type)}
            aria-label={label}
            list={list ? listId : undefined}
            value={asText(value)}
            onChange={(event) => onChange(typed(type, event.target.value))}
          />
          {list}
        </>
      );
  }
}

/** "30 días": an amount and a unit. */
export function DurationInput({
  value,
  onChange,
  label,
}: {
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
}) {
  const { t } = useTranslation('segments');
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const amount = 'amount' in record ? record.amount : '';
  const unit = 'unit' in record && isUnit(record.unit) ? record.unit : 'days';
  return (
    <span className="rule-inline">
      <input
        className="rule-input rule-input--short"
        type="number"
        min={0}
        aria-label={label}
        value={asText(amount)}
        onChange={(event) => onChange({ amount: typed('number', event.target.value), unit })}
      />
      <select
        className="rule-input"
        aria-label={t('builder.unit')}
        value={unit}
        onChange={(event) => onChange({ amount, unit: event.target.value })}
      >
        {TIME_UNITS.map((option) => (
          <option key={option} value={option}>
            {t(`builder.units.${option}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
