import type { StepMove } from '../api/monitor.api.ts';
import type { MoveReason } from '../simulate/journey.ts';
import { assertNever } from '../util/assert-never.ts';
import type { Locale } from '../validate/issue.ts';
import { signalName } from './signal-names.ts';

/**
 * Why a lead left a node, as the monitor (the runner's `StepMove`) and the stepper (the
 * simulator's `MoveReason`) both tell it. The simulator's reasons fit as they are; a runner
 * move goes through `stepMoveReason` first, so the words live here once for both screens.
 */
export type MoveReasonLike =
  | MoveReason
  /** `early`: the signal had arrived before the lead reached the node (look-back). */
  | { kind: 'signal'; signal: string; injected?: boolean; early?: boolean }
  /** A runner split does not record the branch's weight. */
  | { kind: 'split'; weight: number | null }
  | { kind: 'goal' }
  | { kind: 'exit' };

/** Moves that need no detail to be told: their words are fixed. */
const FIXED = {
  auto: { es: 'paso automático', en: 'automatic step' },
  delay: { es: 'terminó la espera', en: 'the delay was over' },
  timeout: { es: 'se agotó el plazo sin respuesta', en: 'the time ran out with no response' },
  waited: { es: 'llegó la fecha de la espera', en: "the wait's date came" },
  waitUnresolved: {
    es: 'no se pudo calcular la fecha de la espera (falta el dato) y siguió sin esperar',
    en: "the wait's date could not be computed (missing data), so it went on without waiting",
  },
  else: { es: 'no cumplió ninguna condición', en: 'no condition held' },
  goal: { es: 'alcanzó el objetivo', en: 'reached the goal' },
  exit: { es: 'salida del flujo', en: 'left the flow' },
} as const;

type FixedKind = keyof typeof FIXED;

/** A simulated send a contact policy held at its node (the runner's steps say it in `reason.policy`). */
const POLICY_DEFERRED = {
  quiet_hours: { es: 'Retrasado por horario de silencio', en: 'Delayed by quiet hours' },
  pressure_cap: {
    es: 'Retrasado por el límite de presión comercial',
    en: 'Delayed by the contact pressure cap',
  },
} as const;

function isFixedKind(kind: string): kind is FixedKind {
  return Object.hasOwn(FIXED, kind);
}

function isFixed(reason: MoveReasonLike): reason is Extract<MoveReasonLike, { kind: FixedKind }> {
  return isFixedKind(reason.kind);
}

/** The runner's recorded move in the shape `moveReasonText` reads. */
export function stepMoveReason(move: StepMove): MoveReasonLike {
  const kind = move.kind;
  if (isFixedKind(kind)) return { kind };
  switch (kind) {
    case 'condition':
      return { kind: 'condition', order: move.conditionIndex ?? 0 };
    case 'split':
      return { kind: 'split', weight: null };
    case 'signal':
      return { kind: 'signal', signal: move.signal ?? '', early: move.early };
    default:
      return assertNever(kind, 'move kind');
  }
}

/** For a step whose move was not recorded (steps written before moves were). */
export const UNKNOWN_MOVE_TEXT = { es: 'sin motivo registrado', en: 'no reason recorded' } as const;

/** Why a lead moved, in es or en: "llegó la señal «Abrió el email»", "cumplió la condición 2". */
export function moveReasonText(reason: MoveReasonLike | null, locale: Locale): string {
  if (reason === null) return UNKNOWN_MOVE_TEXT[locale];
  if (isFixed(reason)) return FIXED[reason.kind][locale];
  switch (reason.kind) {
    case 'condition': {
      const order = reason.order + 1;
      return locale === 'es' ? `cumplió la condición ${order}` : `condition ${order} held`;
    }
    case 'split': {
      if (reason.weight === null) return locale === 'es' ? 'reparto A/B' : 'A/B split';
      return locale === 'es'
        ? `reparto aleatorio (${reason.weight} %)`
        : `random split (${reason.weight}%)`;
    }
    case 'signal':
      return signalText(reason, locale);
    case 'policyDeferred':
      return POLICY_DEFERRED[reason.code][locale];
    default:
      return assertNever(reason, 'move reason');
  }
}

function signalText(
  reason: { signal: string; injected?: boolean; early?: boolean },
  locale: Locale,
): string {
  const name = signalName(reason.signal, locale);
  if (reason.injected === true) {
    return locale === 'es' ? `simulaste la señal «${name}»` : `you simulated the signal “${name}”`;
  }
  if (reason.early === true) {
    return locale === 'es'
      ? `la señal «${name}» había llegado antes de entrar`
      : `the signal “${name}” had arrived before it entered`;
  }
  return locale === 'es' ? `llegó la señal «${name}»` : `the signal “${name}” arrived`;
}
