import { type ComparisonOp, OPERATORS_BY_TYPE, operatorLabel, type ValueType } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { attributeLabel } from './attribute-words.ts';
import { comparisonDefault, eventLabel } from './builder-catalog.ts';
import { useBuilder } from './builder-context.tsx';
import { ComparisonInput, DurationInput } from './comparison-input.tsx';
import { comparisonFromBuilder } from './rule-mapping.ts';

type Record_ = { [key: string]: unknown };
const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const FREQUENCIES = ['once', 'atLeast', 'atMost', 'exactly', 'never'] as const;
type Frequency = (typeof FREQUENCIES)[number];

function frequencyOf(count: unknown): Frequency {
  if (!isRecord(count)) return 'once';
  if (count.op === 'atMost' && count.n === 0) return 'never';
  return count.op === 'atLeast' || count.op === 'atMost' || count.op === 'exactly'
    ? count.op
    : 'once';
}

function withCount(value: Record_, frequency: Frequency, n: unknown): Record_ {
  const { count: _count, ...rest } = value;
  if (frequency === 'once') return rest;
  if (frequency === 'never') return { ...rest, count: { op: 'atMost', n: 0 } };
  return { ...rest, count: { op: frequency, n } };
}

const day = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '');

/**
 * "Ha hecho el evento Compró al menos 2 veces en los últimos 90 días, con familia = suéteres":
 * the whole event condition in one row, written as the marketer would say it.
 */
export function EventValueEditor({
  value,
  onChange,
}: {
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation('segments');
  const { catalog } = useBuilder();
  const event = isRecord(value) ? value : {};
  const name = typeof event.name === 'string' ? event.name : '';
  const frequency = frequencyOf(event.count);
  const n = isRecord(event.count) ? event.count.n : 1;
  const when = isRecord(event.when) ? event.when : null;
  const period = when?.op === 'inLast' ? 'inLast' : when?.op === 'between' ? 'between' : 'ever';
  const where = Array.isArray(event.where) ? event.where.filter(isRecord) : [];
  const known = catalog.events.find((e) => e.name === name);
  const names =
    known || name === ''
      ? catalog.events.map((e) => e.name)
      : [name, ...catalog.events.map((e) => e.name)];
  const set = (patch: Record_) => onChange({ ...event, ...patch });

  return (
    <span className="rule-event">
      <select
        className="rule-input"
        aria-label={t('builder.event.name')}
        value={name}
        onChange={(e) => set({ name: e.target.value, where: [] })}
      >
        {names.map((option) => (
          <option key={option} value={option}>
            {eventLabel(option, catalog.language)}
          </option>
        ))}
      </select>
      <select
        className="rule-input"
        aria-label={t('builder.event.frequency')}
        value={frequency}
        onChange={(e) => {
          const next = FREQUENCIES.find((f) => f === e.target.value) ?? 'once';
          onChange(withCount(event, next, typeof n === 'number' && n > 0 ? n : 2));
        }}
      >
        {FREQUENCIES.map((option) => (
          <option key={option} value={option}>
            {t(`builder.event.frequencies.${option}`)}
          </option>
        ))}
      </select>
      {frequency === 'atLeast' || frequency === 'atMost' || frequency === 'exactly' ? (
        <span className="rule-inline">
          <input
            className="rule-input rule-input--short"
            type="number"
            min={0}
            aria-label={t('builder.event.times')}
            value={typeof n === 'number' ? n : ''}
            onChange={(e) =>
              onChange(
                withCount(event, frequency, e.target.value === '' ? '' : Number(e.target.value)),
              )
            }
          />
          <span>{t('builder.event.timesWord')}</span>
        </span>
      ) : null}
      <select
        className="rule-input"
        aria-label={t('builder.event.period')}
        value={period}
        onChange={(e) => {
          const { when: _when, ...rest } = event;
          if (e.target.value === 'inLast')
            onChange({ ...rest, when: { op: 'inLast', duration: { amount: 90, unit: 'days' } } });
          else if (e.target.value === 'between')
            onChange({ ...rest, when: { op: 'between', from: '', to: '' } });
          else onChange(rest);
        }}
      >
        <option value="ever">{t('builder.event.periods.ever')}</option>
        <option value="inLast">{t('builder.event.periods.inLast')}</option>
        <option value="between">{t('builder.event.periods.between')}</option>
      </select>
      {when?.op === 'inLast' ? (
        <DurationInput
          label={t('builder.event.periodAmount')}
          value={when.duration}
          onChange={(duration) => set({ when: { op: 'inLast', duration } })}
        />
      ) : null}
      {when?.op === 'between' ? (
        <span className="rule-inline">
          <input
            className="rule-input"
            type="date"
            aria-label={t('builder.from')}
            value={day(when.from)}
            onChange={(e) =>
              set({ when: { ...when, from: e.target.value ? `${e.target.value}T00:00:00Z` : '' } })
            }
          />
          <span>{t('builder.and')}</span>
          <input
            className="rule-input"
            type="date"
            aria-label={t('builder.to')}
            value={day(when.to)}
            onChange={(e) =>
              set({ when: { ...when, to: e.target.value ? `${e.target.value}T23:59:59Z` : '' } })
            }
          />
        </span>
      ) : null}
      {where.map((filter, index) => (
        <PropertyFilter
          // Filters have no id; their position is their identity while the row is edited.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          filter={filter}
          properties={known?.properties ?? []}
          onChange={(next) => set({ where: where.map((f, i) => (i === index ? next : f)) })}
          onRemove={() => set({ where: where.filter((_, i) => i !== index) })}
        />
      ))}
      {known && known.properties.length > 0 ? (
        <button
          type="button"
          className="rule-link"
          onClick={() => {
            const first = known.properties[0];
            if (first)
              set({
                where: [
                  ...where,
                  {
                    property: first.path,
                    type: first.type,
                    test: { op: 'eq', value: first.type === 'boolean' ? true : '' },
                  },
                ],
              });
          }}
        >
          {t('builder.event.addProperty')}
        </button>
      ) : null}
    </span>
  );
}

interface PropertyFilterProps {
  filter: Record_;
  properties: readonly { path: string; type: ValueType; values?: string[] | undefined }[];
  onChange: (filter: Record_) => void;
  onRemove: () => void;
}

/** "con familia es igual a suéteres": one filter on the event's properties. */
function PropertyFilter({ filter, properties, onChange, onRemove }: PropertyFilterProps) {
  const { t } = useTranslation('segments');
  const { catalog } = useBuilder();
  const property = typeof filter.property === 'string' ? filter.property : '';
  const type = properties.find((p) => p.path === property)?.type ?? 'string';
  const test = isRecord(filter.test) ? filter.test : {};
  const op = typeof test.op === 'string' ? test.op : 'eq';
  const ops: readonly ComparisonOp[] = OPERATORS_BY_TYPE[type];
  const operand = pick(test);
  return (
    <span className="rule-inline rule-property">
      <span>{t('builder.event.with')}</span>
      <select
        className="rule-input"
        aria-label={t('builder.event.property')}
        value={property}
        onChange={(e) => {
          const nextType = properties.find((p) => p.path === e.target.value)?.type ?? 'string';
          onChange({
            property: e.target.value,
            type: nextType,
            test: { op: 'eq', value: nextType === 'boolean' ? true : '' },
          });
        }}
      >
        {properties.map((p) => (
          <option key={p.path} value={p.path}>
            {attributeLabel(p.path, catalog.language)}
          </option>
        ))}
      </select>
      <select
        className="rule-input"
        aria-label={t('builder.operator')}
        value={op}
        onChange={(e) =>
          onChange({
            ...filter,
            test: comparisonFromBuilder(e.target.value, comparisonDefault(type, e.target.value)),
          })
        }
      >
        {ops.map((option) => (
          <option key={option} value={option}>
            {operatorLabel(option, type)[catalog.language]}
          </option>
        ))}
      </select>
      <ComparisonInput
        suggestions={properties.find((p) => p.path === property)?.values ?? []}
        type={type}
        operator={op}
        value={operand}
        label={t('builder.valueOf', { field: attributeLabel(property, catalog.language) })}
        onChange={(next) => onChange({ ...filter, type, test: comparisonFromBuilder(op, next) })}
      />
      <button
        type="button"
        className="rule-remove"
        aria-label={t('builder.event.removeProperty')}
        title={t('builder.event.removeProperty')}
        onClick={onRemove}
      >
        ×
      </button>
    </span>
  );
}

/** The operand of a stored property test, in the builder's shape. */
function pick(test: Record_): unknown {
  if ('values' in test) return test.values;
  if ('from' in test) return [test.from, test.to];
  if ('duration' in test) return test.duration;
  if ('days' in test) return test.days;
  return test.value;
}
