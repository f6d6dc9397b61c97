import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import { auto, buildFlow, edge, inLocale, on, onEvent, timeout } from './template-builder.ts';

/** Ninety days after the last purchase: "we miss you", then a last offer, then mark inactive. */
function build(locale: Locale) {
  const t = inLocale(locale);
  return buildFlow({
    settings: {
      code: 'REC001',
      name: t({ es: 'Recuperación de clientes', en: 'Win-back' }),
      description: t({
        es: 'Reactiva a los clientes que llevan 90 días sin comprar.',
        en: 'Re-engages customers who have not bought for 90 days.',
      }),
      conversionGoal: { signal: 'purchased', window: { amount: 30, unit: 'days' }, value: 70 },
      controlShare: 10,
      reentry: { kind: 'afterExit' },
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: '90 días sin comprar', en: '90 days without buying' }),
        config: {
          sources: [{ kind: 'date', attribute: 'lastPurchaseAt', offsetDays: 90, yearly: false }],
        },
      },
      {
        id: 'miss-you',
        type: 'email',
        name: t({ es: 'Te echamos de menos', en: 'We miss you' }),
        config: {
          subject: t({
            es: '{{ lead.name }}, te echamos de menos',
            en: '{{ lead.name }}, we miss you',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nHace tiempo que no te vemos. Mira lo que ha llegado desde tu última visita: {{ links.new }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nWe have not seen you for a while. See what is new since your last visit: {{ links.new }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'new',
              url: 'https://www.example.com/novedades',
              label: t({ es: 'Novedades', en: "What's new" }),
            },
          ],
        },
      },
      {
        id: 'last-offer',
        type: 'email',
        name: t({ es: 'Última oferta', en: 'Last offer' }),
        config: {
          subject: t({
            es: 'Un 20 % solo para ti, hasta el domingo',
            en: '20% just for you, until Sunday',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nQueremos que vuelvas: usa VUELVE20 antes del domingo: {{ links.shop }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nWe would love you back: use COMEBACK20 before Sunday: {{ links.shop }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'shop',
              url: 'https://www.example.com/tienda?cupon=VUELVE20',
              label: t({ es: 'Ir a la tienda', en: 'Go to the shop' }),
            },
          ],
        },
      },
      {
        id: 'mark-inactive',
        type: 'update',
        name: t({ es: 'Marcar como inactivo', en: 'Mark inactive' }),
        config: { stage: 'inactive', addTags: ['winback-sin-respuesta'] },
      },
      {
        id: 'won-back',
        type: 'goal',
        name: t({ es: 'Cliente recuperado', en: 'Customer won back' }),
        config: { value: 70 },
      },
      {
        id: 'exit-unsubscribed',
        type: 'exit',
        name: t({ es: 'Se dio de baja', en: 'Unsubscribed' }),
      },
      { id: 'exit', type: 'exit', name: t({ es: 'Inactivo', en: 'Inactive' }) },
    ],
    transitions: [
      edge('entry', 'miss-you', auto()),
      edge('miss-you', 'won-back', onEvent('purchased')),
      edge('miss-you', 'exit-unsubscribed', on('unsubscribed')),
      edge('miss-you', 'last-offer', timeout(7, 'days')),
      edge('last-offer', 'won-back', onEvent('purchased')),
      edge('last-offer', 'exit-unsubscribed', on('unsubscribed')),
      edge('last-offer', 'mark-inactive', timeout(14, 'days')),
      edge('mark-inactive', 'exit', auto()),
    ],
  });
}

export const winBackTemplate: FlowTemplate = {
  id: 'win-back',
  name: { es: 'Recuperación de clientes', en: 'Win-back' },
  description: {
    es: 'Dos emails a quien lleva 90 días sin comprar; si no vuelve, pasa a inactivo.',
    en: 'Two emails to customers idle for 90 days; if they do not return, they become inactive.',
  },
  build,
};
