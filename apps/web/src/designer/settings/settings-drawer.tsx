import { CAMPAIGN_MODES, TIME_UNITS } from '@rumbo/flow';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useCampaigns } from '../../api/campaigns.queries.ts';
import { useModalDialog } from '../../app/use-modal-dialog.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import {
  CheckboxField,
  DurationFields,
  NumberField,
  SelectField,
  TextArea,
  TextField,
} from '../inspector/fields.tsx';
import {
  codeTaken,
  fromFormValues,
  REENTRY_KINDS,
  type SettingsError,
  type SettingsErrors,
  type SettingsField,
  type SettingsFormValues,
  STALE_ACTIONS,
  toFormValues,
} from './settings-form.ts';

/**
 * The campaign settings, a drawer over the canvas. It edits a copy; "Save" checks the copy
 * with the `CampaignSettings` schema and stores it as one undoable step (the autosave then
 * sends it with the draft). Closing without saving drops the copy.
 */
export function SettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useDesignerT();
  const dialog = useModalDialog(open);
  return (
    <dialog
      ref={dialog}
      className="settings-drawer"
      aria-labelledby="settings-drawer-title"
      onClose={onClose}
    >
      <h2 id="settings-drawer-title">{t('settings.title')}</h2>
      {open && <SettingsForm onDone={onClose} />}
    </dialog>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const { t } = useDesignerT();
  const settings = useEditor((s) => s.document.settings);
  const updateSettings = useEditor((s) => s.updateSettings);
  const { campaignId } = useParams();
  // Archived campaigns keep their codes too.
  const campaigns = useCampaigns('include');
  const [values, setValues] = useState<SettingsFormValues>(() => toFormValues(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const change = <K extends SettingsField>(field: K, value: SettingsFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _fixed, ...rest }) => rest);
  };
  const say = (error: SettingsError | undefined) =>
    error ? t(`settings.errors.${error.key}`, error.params ?? {}) : undefined;
  const save = () => {
    const result = fromFormValues(values, settings);
    const others = campaigns.data?.items ?? [];
    const taken = codeTaken(values.code, others, campaignId);
    if (!result.ok || taken) {
      setErrors({
        ...(result.ok ? {} : result.errors),
        ...(taken ? { code: { key: 'codeTaken' } } : {}),
      });
      return;
    }
    updateSettings(result.settings);
    onDone();
  };
  const units = TIME_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }));
  const invalid = Object.keys(errors).length > 0;
  return (
    <form
      className="settings-drawer__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="row">
        <TextField
          label={t('settings.code')}
          hint={t('settings.codeHint')}
          value={values.code}
          onChange={(v) => change('code', v)}
          error={say(errors.code)}
        />
        <TextField
          label={t('settings.name')}
          value={values.name}
          onChange={(v) => change('name', v)}
          error={say(errors.name)}
        />
      </div>
      <TextArea
        label={t('settings.description')}
        rows={3}
        value={values.description}
        onChange={(v) => change('description', v)}
        error={say(errors.description)}
      />
      <fieldset className="fieldset">
        <legend>{t('settings.validity')}</legend>
        <p className="field__hint">{t('settings.validityHint')}</p>
        <div className="row">
          <TextField
            label={t('settings.validFrom')}
            type="date"
            value={values.validFrom}
            onChange={(v) => change('validFrom', v)}
            error={say(errors.validFrom)}
          />
          <TextField
            label={t('settings.validTo')}
            type="date"
            value={values.validTo}
            onChange={(v) => change('validTo', v)}
            error={say(errors.validTo)}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.costs')}</legend>
        <div className="row">
          <TextField
            label={t('settings.currency')}
            hint={t('settings.currencyHint')}
            value={values.currency}
            onChange={(v) => change('currency', v)}
            error={say(errors.currency)}
          />
          <NumberField
            label={t('settings.fixedCost')}
            min={0}
            value={values.fixedCost}
            onChange={(v) => change('fixedCost', v)}
            error={say(errors.fixedCost)}
          />
        </div>
        <NumberField
          label={t('settings.budgetCap')}
          hint={t('settings.budgetCapHint')}
          min={0}
          value={values.budgetCap}
          placeholder={t('settings.noCap')}
          onChange={(v) => change('budgetCap', v)}
          error={say(errors.budgetCap)}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.goal')}</legend>
        <CheckboxField
          label={t('settings.goalOn')}
          checked={values.goal}
          onChange={(v) => change('goal', v)}
        />
        {values.goal && (
          <>
            <TextField
              label={t('settings.goalSignal')}
              hint={t('settings.goalSignalHint')}
              value={values.goalSignal}
              onChange={(v) => change('goalSignal', v)}
              error={say(errors.goalSignal)}
            />
            <DurationFields
              amountLabel={t('settings.goalWindow')}
              unitLabel={t('duration.unit')}
              amount={values.goalAmount}
              unit={values.goalUnit}
              units={units}
              onAmount={(v) => change('goalAmount', v)}
              onUnit={(v) => change('goalUnit', v)}
              error={say(errors.goalAmount)}
            />
            <NumberField
              label={t('settings.goalValue', { currency: values.currency })}
              hint={t('settings.goalValueHint')}
              min={0}
              value={values.goalValue}
              onChange={(v) => change('goalValue', v)}
              error={say(errors.goalValue)}
            />
          </>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.audience')}</legend>
        <NumberField
          label={t('settings.controlShare')}
          hint={t('settings.controlShareHint')}
          min={0}
          max={50}
          value={values.controlShare}
          onChange={(v) => change('controlShare', v)}
          error={say(errors.controlShare)}
        />
        <SelectField
          label={t('settings.reentry')}
          value={values.reentry}
          options={REENTRY_KINDS.map((k) => ({ value: k, label: t(`settings.reentryKinds.${k}`) }))}
          onChange={(v) => change('reentry', v)}
        />
        {values.reentry === 'afterCooldown' && (
          <DurationFields
            amountLabel={t('settings.cooldown')}
            unitLabel={t('duration.unit')}
            amount={values.cooldownAmount}
            unit={values.cooldownUnit}
            units={units}
            onAmount={(v) => change('cooldownAmount', v)}
            onUnit={(v) => change('cooldownUnit', v)}
            error={say(errors.cooldownAmount)}
          />
        )}
        <SelectField
          label={t('settings.mode')}
          hint={t(`settings.modeHints.${values.mode}`)}
          value={values.mode}
          options={CAMPAIGN_MODES.map((m) => ({ value: m, label: t(`settings.modes.${m}`) }))}
          onChange={(v) => change('mode', v)}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.late')}</legend>
        <p className="field__hint">{t('settings.lateHint')}</p>
        <SelectField
          label={t('settings.lateAction')}
          value={values.lateAction}
          options={STALE_ACTIONS.map((a) => ({ value: a, label: t(`settings.lateActions.${a}`) }))}
          onChange={(v) => change('lateAction', v)}
        />
        <DurationFields
          amountLabel={t('settings.lateAfter')}
          unitLabel={t('duration.unit')}
          amount={values.lateAmount}
          unit={values.lateUnit}
          units={units}
          onAmount={(v) => change('lateAmount', v)}
          onUnit={(v) => change('lateUnit', v)}
          error={say(errors.lateAmount)}
        />
      </fieldset>
      {invalid && (
        <p className="field__error" role="alert">
          {t('settings.fix')}
        </p>
      )}
      <div className="settings-drawer__actions">
        <button type="submit" className="button button--primary">
          {t('settings.save')}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('settings.cancel')}
        </button>
      </div>
    </form>
  );
}
