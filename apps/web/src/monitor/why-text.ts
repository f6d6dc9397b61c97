import {
  describePolicyReason,
  type FlowDocument,
  type JourneyStep,
  moveReasonText,
  stepMoveReason,
  transitionLabel,
} from '@rumbo/flow';
import type { TFunction } from 'i18next';
import type { Language } from '../i18n/language.ts';

/**
 * "Left by «Abrió el correo» to «Gracias»: the signal «Abrió» arrived": the transition's words
 * come from packages/flow (`transitionLabel`, or the designer's own label), never rebuilt here.
 */
export function leftText(
  step: JourneyStep,
  document: FlowDocument | null,
  t: TFunction<'monitor'>,
  language: Language,
): string | null {
  if (step.transitionId === null) return null;
  const transition = document?.transitions.find((tr) => tr.id === step.transitionId);
  const source = document?.nodes.find((n) => n.id === step.nodeId);
  const target = document?.nodes.find((n) => n.id === transition?.target);
  const label =
    transition && source
      ? (transition.label ?? transitionLabel(transition, source, language))
      : step.transitionId;
  return t('journey.left', {
    label,
    target: target?.name ?? transition?.target ?? '',
    reason: moveReasonText(step.move && stepMoveReason(step.move), language),
  });
}

/**
 * What the node did: held back by a send policy (its words from packages/flow), not sent and
 * why (consent, suppression, control group), sent, or the lead updated.
 */
export function actionText(
  step: JourneyStep,
  t: TFunction<'monitor'>,
  language: Language,
): string | null {
  if (step.policy !== null) return describePolicyReason(step.policy, language);
  if (step.eligibility === 'eligible') {
    return step.outcome === 'sent' ? t('eligibility.eligible') : t('outcome.skipped');
  }
  if (step.eligibility !== null) return t(`eligibility.${step.eligibility}`);
  if (step.outcome === 'updated') return t('outcome.updated');
  return null;
}

/** A step that ran late after an outage: how late, and what the campaign's stale policy did. */
export function staleText(step: JourneyStep, t: TFunction<'monitor'>): string | null {
  if (step.stale === null) return null;
  const hours = Math.max(1, Math.round(step.stale.overdueMs / 3_600_000));
  return t(step.stale.action === 'send' ? 'journey.staleSent' : 'journey.staleSkipped', {
    count: hours,
  });
}

const KNOWN_ERRORS = ['no_transition', 'step_budget_exceeded', 'lost_wait', 'not_executable'];

/** A runner error code in words; an exception's text (not for operators) as a generic phrase. */
export function errorText(error: string, t: TFunction<'monitor'>): string {
  return KNOWN_ERRORS.includes(error) ? t(`errors.${error}`) : t('errors.internal');
}

/** The raw text worth showing a technician: only for errors that are not one of our codes. */
export function errorDetail(error: string): string | null {
  return KNOWN_ERRORS.includes(error) ? null : error;
}
