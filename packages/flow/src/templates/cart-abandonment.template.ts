import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import { buildFlow, delay, edge, inLocale, on, onEvent, timeout } from './template-builder.ts';

/** An hour after a cart is left: an email; a day later an SMS with a discount; then give up. */
function build(locale: Locale) {
  const t = inLocale(locale);
  return buildFlow({
    settings: {
      code: 'CAR001',
      name: t({ es: 'Carrito abandonado', en: 'Cart abandonment' }),
      description: t({
        es: 'Recupera carritos abandonados con un email y un SMS.',
        en: 'Recovers abandoned carts with an email and an SMS.',
      }),
      conversionGoal: { signal: 'purchased', window: { amount: 7, unit: 'days' }, value: 62 },
      reentry: { kind: 'afterCooldown', duration: { amount: 14, unit: 'days' } },
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Carrito abandonado', en: 'Cart abandoned' }),
        config: { sources: [{ kind: 'event', event: 'cart_abandoned' }] },
      },
      {
        id: 'reminder',
        type: 'email',
        name: t({ es: '¿Te olvidas algo?', en: 'Forgot something?' }),
        config: {
          subject: t({
            es: '{{ lead.name }}, tu carrito te espera',
            en: '{{ lead.name }}, your cart is waiting',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nHas dejado productos en tu carrito. Te los guardamos 48 horas: {{ links.cart }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nYou left items in your cart. We are keeping them for 48 hours: {{ links.cart }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'cart',
              url: 'https://www.example.com/carrito',
              label: t({ es: 'Volver al carrito', en: 'Back to the cart' }),
            },
          ],
        },
      },
      {
        id: 'sms',
        type: 'sms',
        name: t({ es: 'SMS con descuento', en: 'Discount SMS' }),
        config: {
          text: t({
            es: '{{ lead.name }}, tu carrito caduca hoy. Usa VUELVE10 para un 10 % de descuento: https://www.example.com/carrito',
            en: '{{ lead.name }}, your cart expires today. Use BACK10 for 10% off: https://www.example.com/carrito',
          }),
        },
      },
      {
        id: 'recovered',
        type: 'goal',
        name: t({ es: 'Compra recuperada', en: 'Purchase recovered' }),
        config: { value: 62 },
      },
      { id: 'exit', type: 'exit', name: t({ es: 'No recuperado', en: 'Not recovered' }) },
    ],
    transitions: [
      edge('entry', 'reminder', delay(1, 'hours')),
      edge('reminder', 'recovered', onEvent('purchased')),
      edge('reminder', 'sms', timeout(1, 'days')),
      edge('sms', 'recovered', onEvent('purchased')),
      edge('sms', 'exit', on('failed')),
      edge('sms', 'exit', timeout(2, 'days')),
    ],
  });
}

export const cartAbandonmentTemplate: FlowTemplate = {
  id: 'cart-abandonment',
  name: { es: 'Carrito abandonado', en: 'Cart abandonment' },
  description: {
    es: 'Email una hora después y SMS con descuento al día siguiente.',
    en: 'An email an hour later and a discount SMS the next day.',
  },
  build,
};
