import { assertNever, type Duration } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { FAST_FORWARD_STEPS, type RunOutcome, type StepKey } from './run-bar.tsx';

function stepKeyOf(by: Duration): StepKey {
  return FAST_FORWARD_STEPS.find((s) => s.by.unit === by.unit)?.key ?? 'day';
}

/** The outcome in words: who entered at launch (or why nobody could), what the clock moved. */
export function useOutcomeText(): (outcome: RunOutcome, format: (n: number) => string) => string {
  const { t } = useTranslation('monitor');
  return (outcome, format) => {
    switch (outcome.kind) {
      case 'launched': {
        const { enrolled, control, refused, missingSegments } = outcome.result;
        const parts: string[] = [];
        if (refused) {
          parts.push(
            t(`run.refused.${refused.code}`, {
              validFrom: refused.validFrom ?? '',
              validTo: refused.validTo ?? '',
              today: refused.today,
            }),
          );
        } else if (enrolled + control === 0) {
          parts.push(t('run.launchedNobody'));
        } else {
          parts.push(
            t('run.launched', { count: enrolled, n: format(enrolled) }),
            t('run.control', { count: control, n: format(control) }),
          );
        }
        if (missingSegments.length > 0) {
          parts.push(t('run.missingSegments', { count: missingSegments.length }));
        }
        return parts.join(' ');
      }
      case 'fastForwarded':
        return t('run.fastForwarded', {
          step: t(`run.step.${stepKeyOf(outcome.by)}`),
          count: outcome.result.shifted,
          n: format(outcome.result.shifted),
          due: format(outcome.result.dueNow),
        });
      case 'changed':
        return t(`run.changed.${outcome.action}`);
      default:
        return assertNever(outcome);
    }
  };
}

/**
 * A run action's failure in words. A 409 `conflict` here means the campaign's status changed
 * under the page (another person or tab), not a concurrent save as the app-wide text says; the
 * server's problem detail follows, so the exact refusal is on screen.
 */
export function useRunErrorText(): (error: Error) => string {
  const { t } = useTranslation('monitor');
  return (error) => {
    if (!(error instanceof ApiError)) return t('run.errors.unknown');
    const sentence = error.code === 'conflict' ? t('run.errors.conflict') : error.message;
    const detail = error.problem?.detail;
    return detail ? t('run.errors.withDetail', { sentence, detail }) : sentence;
  };
}
