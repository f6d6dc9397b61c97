import { TIME_UNITS, WAIT_MODES, WaitConfig } from '@rumbo/flow';
import { useDesignerT } from '../../editor/editor-context.tsx';
import { CheckboxField, NumberField, SelectField, TextField } from '../fields.tsx';
import { fieldError, type NodeFormProps } from '../form-props.ts';
import { useNodeConfig } from '../use-node-config.ts';
import { BrokenConfig } from './broken-config.tsx';

export function WaitForm({ node, issues }: NodeFormProps) {
  const { t, locale } = useDesignerT();
  const { config, broken, set } = useNodeConfig(node, WaitConfig);
  return (
    <>
      {broken && <BrokenConfig />}
      <SelectField
        label={t('wait.mode')}
        value={config.mode}
        options={WAIT_MODES.map((m) => ({ value: m, label: t(`wait.modes.${m}`) }))}
        onChange={(mode) => set({ mode }, 'mode')}
      />
      {config.mode === 'duration' && (
        <div className="row">
          <NumberField
            label={t('duration.amount')}
            min={0}
            step={1}
            value={config.duration.amount}
            onChange={(amount) =>
              set(
                { duration: { ...config.duration, amount: Math.max(0, Math.round(amount ?? 0)) } },
                'duration',
              )
            }
            error={fieldError(issues, ['duration'], locale)}
          />
          <SelectField
            label={t('duration.unit')}
            value={config.duration.unit}
            options={TIME_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            onChange={(unit) => set({ duration: { ...config.duration, unit } }, 'duration.unit')}
          />
        </div>
      )}
      {config.mode === 'until' && (
        <TextField
          label={t('wait.until')}
          type="date"
          value={config.until ? config.until.slice(0, 10) : ''}
          onChange={(day) => set({ until: day ? `${day}T09:00:00Z` : null }, 'until')}
          hint={t('wait.untilHint')}
          error={fieldError(issues, ['until'], locale)}
        />
      )}
      {config.mode === 'attribute' && (
        <>
          <TextField
            label={t('wait.attribute')}
            placeholder="birthday"
            value={config.attribute}
            onChange={(attribute) => set({ attribute }, 'attribute')}
            hint={t('wait.attributeHint')}
            error={fieldError(issues, ['attribute'], locale)}
          />
          <CheckboxField
            label={t('wait.yearly')}
            checked={config.yearly}
            onChange={(yearly) => set({ yearly }, 'yearly')}
          />
          <div className="row">
            <NumberField
              label={t('wait.offsetDays')}
              min={-365}
              max={365}
              step={1}
              value={config.offsetDays}
              onChange={(n) =>
                set({ offsetDays: Math.max(-365, Math.min(365, Math.round(n ?? 0))) }, 'offsetDays')
              }
              hint={t('wait.offsetHint')}
            />
            <TextField
              label={t('wait.at')}
              type="time"
              value={config.at}
              onChange={(at) => set({ at }, 'at')}
              placeholder="09:00"
              error={fieldError(issues, ['at'], locale)}
            />
          </div>
        </>
      )}
    </>
  );
}
