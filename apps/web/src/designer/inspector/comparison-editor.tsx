import { assertNever, type Comparison, TIME_UNITS, type ValueType } from '@rumbo/flow';
import { useDesignerT } from '../editor/editor-context.tsx';
import { NumberField, SelectField, TextField } from './fields.tsx';

/** The comparisons the simple rule editor offers per value type. */
const OPS_BY_TYPE = {
  string: ['eq', 'neq', 'contains', 'startsWith', 'isSet', 'isNotSet'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'isSet', 'isNotSet'],
  boolean: ['eq', 'isSet', 'isNotSet'],
  date: ['inLast', 'notInLast', 'inNext', 'isSet', 'isNotSet'],
} as const satisfies Record<ValueType, readonly Comparison['op'][]>;

type SimpleOp = (typeof OPS_BY_TYPE)[ValueType][number];

function blank(op: SimpleOp, type: ValueType): Comparison {
  switch (op) {
    case 'isSet':
    case 'isNotSet':
      return { op };
    case 'eq':
    case 'neq':
      return { op, value: type === 'number' ? 0 : type === 'boolean' ? true : '' };
    case 'contains':
    case 'startsWith':
      return { op, value: '' };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { op, value: 0 };
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return { op, duration: { amount: 30, unit: 'days' } };
    default:
      return assertNever(op, 'operator');
  }
}

export function ComparisonEditor({
  test,
  type,
  onChange,
}: {
  test: Comparison;
  type: ValueType;
  onChange: (test: Comparison) => void;
}) {
  const { t } = useDesignerT();
  const ops: readonly SimpleOp[] = OPS_BY_TYPE[type];
  const current = ops.find((op) => op === test.op);
  return (
    <>
      <SelectField
        label={t('rules.operator')}
        value={current ?? ops[0] ?? 'isSet'}
        options={ops.map((op) => ({ value: op, label: t(`ops.${op}`) }))}
        onChange={(op) => onChange(blank(op, type))}
      />
      <ComparisonValue test={test} type={type} onChange={onChange} />
    </>
  );
}

function ComparisonValue({
  test,
  type,
  onChange,
}: {
  test: Comparison;
  type: ValueType;
  onChange: (test: Comparison) => void;
}) {
  const { t } = useDesignerT();
  switch (test.op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return type === 'number' ? (
        <NumberField
          label={t('rules.value')}
          value={typeof test.value === 'number' ? test.value : undefined}
          onChange={(n) => onChange({ ...test, value: n ?? 0 })}
        />
      ) : (
        <TextField
          label={t('rules.value')}
          value={String(test.value)}
          onChange={(value) => onChange({ ...test, value })}
        />
      );
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
      return (
        <TextField
          label={t('rules.value')}
          value={test.value}
          onChange={(value) => onChange({ ...test, value })}
        />
      );
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return (
        <div className="row">
          <NumberField
            label={t('duration.amount')}
            min={0}
            step={1}
            value={test.duration.amount}
            onChange={(n) =>
              onChange({
                ...test,
                duration: { ...test.duration, amount: Math.max(0, Math.round(n ?? 0)) },
              })
            }
          />
          <SelectField
            label={t('duration.unit')}
            value={test.duration.unit}
            options={TIME_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            onChange={(unit) => onChange({ ...test, duration: { ...test.duration, unit } })}
          />
        </div>
      );
    case 'isSet':
    case 'isNotSet':
    case 'in':
    case 'notIn':
    case 'between':
    case 'anniversaryWithin':
      return null;
    default:
      return assertNever(test, 'comparison');
  }
}
