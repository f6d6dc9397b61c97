import type { Locale, Localised } from '../validate/issue.ts';

/**
 * Display names of the signals with a fixed meaning, written as what the lead did, so they
 * read well on a transition ("Abrió el email"). The one place these words live: transition
 * labels, the simulator's assumptions panel and the monitor all use it.
 */
export const SIGNAL_NAMES: Record<string, Localised> = {
  delivered: { es: 'Entregado', en: 'Delivered' },
  opened: { es: 'Abrió el email', en: 'Opened the email' },
  clicked: { es: 'Hizo clic en el enlace', en: 'Clicked the link' },
  replied: { es: 'Respondió', en: 'Replied' },
  bounced: { es: 'Rebotó', en: 'Bounced' },
  unsubscribed: { es: 'Se dio de baja', en: 'Unsubscribed' },
  failed: { es: 'Falló el envío', en: 'Sending failed' },
  success: { es: 'Webhook correcto', en: 'Webhook succeeded' },
  failure: { es: 'Falló el webhook', en: 'Webhook failed' },
  objective_achieved: { es: 'Objetivo cumplido', en: 'Objective achieved' },
  interested: { es: 'Interesado', en: 'Interested' },
  not_interested: { es: 'No interesado', en: 'Not interested' },
  no_answer: { es: 'No contesta', en: 'No answer' },
  purchased: { es: 'Compró', en: 'Purchased' },
  subscribed: { es: 'Se suscribió', en: 'Subscribed' },
  signed_up: { es: 'Se registró', en: 'Signed up' },
  cart_abandoned: { es: 'Abandonó el carrito', en: 'Abandoned the cart' },
};

/** Channel-specific wording where the generic one would be wrong ("Opened the email" on an SMS). */
const SMS_NAMES: Record<string, Localised> = {
  delivered: { es: 'SMS entregado', en: 'SMS delivered' },
  replied: { es: 'Respondió al SMS', en: 'Replied to the SMS' },
};

/** A signal's display name; unknown names (custom events) are shown as they are, humanised. */
export function signalName(signal: string, locale: Locale, channel?: string | null): string {
  // hasOwn: a custom event may be called "constructor" or "toString".
  const specific =
    channel === 'sms' && Object.hasOwn(SMS_NAMES, signal) ? SMS_NAMES[signal] : undefined;
  const known =
    specific ?? (Object.hasOwn(SIGNAL_NAMES, signal) ? SIGNAL_NAMES[signal] : undefined);
  if (known) return known[locale];
  return humanise(signal);
}

/** `trial_signed_up` → `trial signed up`; the marketer still recognises the event name. */
export function humanise(name: string): string {
  const words = name.replace(/[_.-]+/g, ' ').trim();
  return words.length > 0 ? words : name;
}
