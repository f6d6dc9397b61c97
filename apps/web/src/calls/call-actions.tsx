import { type CallOutcome, SNOOZE_STEPS } from '@rumbo/flow';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalised } from '../i18n/use-language.ts';
import {
  type CallCommand,
  DATE_KEY,
  EVENT_KEY,
  outcomeKeys,
  SNOOZE_KEYS,
} from './call-shortcuts.ts';

function Kbd({ letter }: { letter: string | null }) {
  if (letter === null) return null;
  return <kbd className="call-kbd">{letter}</kbd>;
}

interface CallButtonsProps {
  outcomes: readonly CallOutcome[];
  disabled: boolean;
  onCommand: (command: CallCommand) => void;
}

/** Proscai's button column: remind later, a date, an event, and the outcomes — each with its key. */
export function CallButtons({ outcomes, disabled, onCommand }: CallButtonsProps) {
  const { t } = useTranslation('calls');
  const localised = useLocalised();
  const shortcut = (key: string | null) =>
    key === null ? undefined : t('actions.shortcut', { key });
  return (
    <div className="call-actions">
      <fieldset className="call-actions__group" disabled={disabled}>
        <legend>{t('actions.remind')}</legend>
        {SNOOZE_STEPS.map((by) => (
          <button
            key={by}
            type="button"
            className="button button--secondary"
            title={shortcut(SNOOZE_KEYS[by])}
            aria-keyshortcuts={SNOOZE_KEYS[by]}
            onClick={() => onCommand({ kind: 'snooze', by })}
          >
            {t(`actions.snooze.${by}`)} <Kbd letter={SNOOZE_KEYS[by]} />
          </button>
        ))}
        <button
          type="button"
          className="button button--secondary"
          title={shortcut(DATE_KEY)}
          aria-keyshortcuts={DATE_KEY}
          onClick={() => onCommand({ kind: 'date' })}
        >
          {t('actions.date')} <Kbd letter={DATE_KEY} />
        </button>
        <button
          type="button"
          className="button button--secondary"
          title={shortcut(EVENT_KEY)}
          aria-keyshortcuts={EVENT_KEY}
          onClick={() => onCommand({ kind: 'event' })}
        >
          {t('actions.event')} <Kbd letter={EVENT_KEY} />
        </button>
      </fieldset>
      <fieldset className="call-actions__group" disabled={disabled}>
        <legend>{t('actions.outcomes')}</legend>
        {outcomeKeys(outcomes).map(({ outcome, key }) => (
          <button
            key={outcome.id}
            type="button"
            className={
              outcome.id === 'objective_achieved'
                ? 'button button--primary'
                : 'button button--secondary'
            }
            title={shortcut(key)}
            aria-keyshortcuts={key ?? undefined}
            onClick={() =>
              onCommand(
                outcome.id === 'objective_achieved'
                  ? { kind: 'objective' }
                  : { kind: 'outcome', outcome: outcome.id },
              )
            }
          >
            {localised(outcome.label)} <Kbd letter={key} />
          </button>
        ))}
      </fieldset>
    </div>
  );
}

export type CallFormKind = 'date' | 'event' | 'objective' | 'add';

export interface CallFormValue {
  text: string;
  /** `datetime-local` value for the date form. */
  when: string;
}

interface CallFormProps {
  kind: CallFormKind;
  busy: boolean;
  error: string | null;
  onSubmit: (value: CallFormValue) => void;
  onCancel: () => void;
}

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, what `datetime-local` reads and writes. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const TITLES: Record<CallFormKind, string> = {
  date: 'forms.dateTitle',
  event: 'forms.eventTitle',
  objective: 'forms.objectiveTitle',
  add: 'forms.addTitle',
};

/**
 * The small forms behind Fecha, Evento, Objetivo cumplido and Nuevo cliente. The first field
 * takes focus; Ctrl+Enter saves from anywhere in the form and Esc gives focus back to the list.
 */
export function CallForm({ kind, busy, error, onSubmit, onCancel }: CallFormProps) {
  const { t } = useTranslation('calls');
  const [text, setText] = useState('');
  const [when, setWhen] = useState(() => localInputValue(Date.now() + 24 * 3_600_000));
  const first = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    onSubmit({ text, when });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  const textLabel =
    kind === 'event'
      ? t('forms.eventLabel')
      : kind === 'objective'
        ? t('forms.commentLabel')
        : kind === 'add'
          ? t('forms.addLabel')
          : t('forms.reason');
  return (
    <form
      className="call-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-labelledby="call-form-title"
    >
      <h3 id="call-form-title">{t(TITLES[kind])}</h3>
      {kind === 'date' ? (
        <label className="field">
          <span className="field__label">{t('forms.dateLabel')}</span>
          <input
            ref={first}
            type="datetime-local"
            required
            value={when}
            min={localInputValue(Date.now())}
            onChange={(e) => setWhen(e.target.value)}
          />
        </label>
      ) : null}
      {kind === 'add' ? (
        <label className="field">
          <span className="field__label">{textLabel}</span>
          <input
            ref={first}
            value={text}
            required
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      ) : (
        <label className="field">
          <span className="field__label">{textLabel}</span>
          <textarea
            ref={kind === 'date' ? undefined : first}
            value={text}
            rows={3}
            required={kind === 'event'}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      )}
      {kind === 'add' ? <p className="cell-note">{t('forms.addHelp')}</p> : null}
      {error !== null ? (
        <p className="rule-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="call-form__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {kind === 'objective' ? t('forms.objectiveSave') : t('forms.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('forms.cancel')}
        </button>
        <span className="cell-note">{t('forms.hint')}</span>
      </div>
    </form>
  );
}
