import { assertNever, type MoveReason, signalName } from '@rumbo/flow';
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/language.ts';

/** Why a lead moved, in the reviewer's language ("llegó la señal «Hizo clic»"). */
export function reasonText(
  reason: MoveReason,
  t: TFunction<'simulation'>,
  language: Language,
): string {
  switch (reason.kind) {
    case 'auto':
    case 'delay':
    case 'timeout':
    case 'else':
    case 'waited':
    case 'waitUnresolved':
      return t(`reason.${reason.kind}`);
    case 'signal': {
      const signal = signalName(reason.signal, language);
      return t(reason.injected ? 'reason.signalInjected' : 'reason.signal', { signal });
    }
    case 'condition':
      return t('reason.condition', { order: reason.order + 1 });
    case 'split':
      return t('reason.split', { weight: reason.weight });
    default:
      return assertNever(reason);
  }
}
