import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import { auto, buildFlow, edge, inLocale, on, onEvent, timeout } from './template-builder.ts';

/**
 * Leads enter the day before their birthday (the date rule runs in batches, in UTC); the wait
 * node releases each one at 09:00 on the day in their own time zone.
 */
function build(locale: Locale) {
  const t = inLocale(locale);
  return buildFlow({
    settings: {
      code: 'CUM001',
      name: t({ es: 'Felicitación de cumpleaños', en: 'Birthday greeting' }),
      description: t({
        es: 'Felicita a cada cliente el día de su cumpleaños con un regalo.',
        en: 'Greets every customer on their birthday with a gift.',
      }),
      conversionGoal: { signal: 'purchased', window: { amount: 14, unit: 'days' }, value: 50 },
      reentry: { kind: 'afterCooldown', duration: { amount: 11, unit: 'months' } },
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Víspera del cumpleaños', en: 'Day before the birthday' }),
        config: {
          sources: [
            { kind: 'date', attribute: 'birthday', offsetDays: -1, at: '00:00', yearly: true },
          ],
        },
      },
      {
        id: 'until-birthday',
        type: 'wait',
        name: t({ es: 'Hasta su cumpleaños a las 9:00', en: 'Until the birthday at 9:00' }),
        config: { mode: 'attribute', attribute: 'birthday', yearly: true, at: '09:00' },
      },
      {
        id: 'greeting',
        type: 'email',
        name: t({ es: 'Felicitación con regalo', en: 'Greeting with a gift' }),
        config: {
          subject: t({
            es: '¡Feliz cumpleaños, {{ lead.name }}! 🎂',
            en: 'Happy birthday, {{ lead.name }}! 🎂',
          }),
          body: t({
            es: '¡Feliz cumpleaños, {{ lead.name }}!\n\nPara celebrarlo, tienes un 20 % de descuento durante dos semanas: {{ links.gift }}\n\nUn abrazo,\nEl equipo',
            en: 'Happy birthday, {{ lead.name }}!\n\nTo celebrate, enjoy 20% off for two weeks: {{ links.gift }}\n\nWarm wishes,\nThe team',
          }),
          links: [
            {
              id: 'gift',
              url: 'https://www.example.com/regalo',
              label: t({ es: 'Mi regalo', en: 'My gift' }),
            },
          ],
        },
      },
      {
        id: 'last-call',
        type: 'sms',
        name: t({ es: 'Tu regalo caduca', en: 'Your gift expires' }),
        config: {
          text: t({
            es: '{{ lead.name }}, tu regalo de cumpleaños caduca en 3 días: https://www.example.com/regalo',
            en: '{{ lead.name }}, your birthday gift expires in 3 days: https://www.example.com/regalo',
          }),
        },
      },
      {
        id: 'purchase',
        type: 'goal',
        name: t({ es: 'Compra de cumpleaños', en: 'Birthday purchase' }),
        config: { value: 50 },
      },
      { id: 'exit', type: 'exit', name: t({ es: 'Sin compra', en: 'No purchase' }) },
    ],
    transitions: [
      edge('entry', 'until-birthday', auto()),
      edge('until-birthday', 'greeting', auto()),
      edge('greeting', 'purchase', onEvent('purchased')),
      edge('greeting', 'last-call', timeout(11, 'days')),
      edge('last-call', 'purchase', onEvent('purchased')),
      edge('last-call', 'exit', on('failed')),
      edge('last-call', 'exit', timeout(3, 'days')),
    ],
  });
}

export const birthdayTemplate: FlowTemplate = {
  id: 'birthday',
  name: { es: 'Cumpleaños', en: 'Birthday' },
  description: {
    es: 'Felicitación a las 9:00 de su zona horaria con un descuento y recordatorio por SMS.',
    en: 'A greeting at 9:00 in their time zone with a discount and an SMS reminder.',
  },
  build,
};
