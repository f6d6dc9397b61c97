import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import type { DraftNode } from './template-builder.ts';
import { auto, buildFlow, edge, inLocale, on, onEvent, timeout, when } from './template-builder.ts';

/**
 * Seed 000, second campaign (OpenERP's SaaS example): a signup gets an intro email thanking
 * them for the one-month trial; by what they show interest in (the SaaS, training, the book)
 * they get an info email; a reply with interest makes them an opportunity and a
 * subscription a partner (the goal). No reply: a reminder after a week, then a sales call.
 */
function infoEmail(
  locale: Locale,
  id: string,
  topic: { es: string; en: string },
  url: string,
): DraftNode {
  const t = inLocale(locale);
  return {
    id,
    type: 'email',
    name: t({ es: `Información: ${topic.es}`, en: `Information: ${topic.en}` }),
    config: {
      subject: t({
        es: `{{ lead.name }}, todo sobre ${topic.es}`,
        en: `{{ lead.name }}, all about ${topic.en}`,
      }),
      body: t({
        es: `Hola {{ lead.name }}:\n\nNos dijiste que te interesa ${topic.es}. Aquí tienes la información completa: {{ links.info }}\n\n¿Quieres que te preparemos una propuesta? Responde a este email y te escribimos hoy mismo.\n\nUn saludo,\nEl equipo comercial`,
        en: `Hi {{ lead.name }},\n\nYou told us you are interested in ${topic.en}. Here is everything you need: {{ links.info }}\n\nWould you like a proposal? Reply to this email and we will get back to you today.\n\nBest,\nThe sales team`,
      }),
      links: [{ id: 'info', url, label: topic[locale] }],
    },
  };
}

function build(locale: Locale) {
  const t = inLocale(locale);
  const topics = {
    saas: { es: 'el software como servicio', en: 'software as a service' },
    training: { es: 'la formación', en: 'training' },
    book: { es: 'el libro', en: 'the book' },
  };
  return buildFlow({
    settings: {
      code: 'SAAS01',
      name: t({ es: 'Prueba gratuita SaaS', en: 'SaaS free trial' }),
      description: t({
        es: 'Convierte las pruebas gratuitas de un mes en suscripciones según el interés de cada prospecto.',
        en: 'Turns one-month free trials into subscriptions, following what each prospect is interested in.',
      }),
      currency: 'EUR',
      fixedCost: 500,
      budgetCap: 8000,
      conversionGoal: { signal: 'subscribed', window: { amount: 60, unit: 'days' }, value: 240 },
      controlShare: 10,
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Alta en la prueba', en: 'Trial signup' }),
        config: { sources: [{ kind: 'event', event: 'trial_signed_up' }, { kind: 'api' }] },
      },
      {
        id: 'intro-email',
        type: 'email',
        name: t({ es: 'Bienvenida a la prueba', en: 'Trial welcome' }),
        config: {
          subject: t({
            es: 'Gracias por probar nuestro software un mes gratis',
            en: 'Thanks for trying our software free for a month',
          }),
          preheader: t({
            es: 'Elige por dónde quieres empezar',
            en: 'Choose where you want to start',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nGracias por darte de alta en la prueba gratuita de un mes. ¿Qué te interesa más?\n\n- El software como servicio, listo para usar: {{ links.saas }}\n- Formación para tu equipo: {{ links.training }}\n- El libro oficial: {{ links.book }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nThank you for signing up for the one-month free trial. What interests you most?\n\n- The software as a service, ready to use: {{ links.saas }}\n- Training for your team: {{ links.training }}\n- The official book: {{ links.book }}\n\nBest,\nThe team',
          }),
          links: [
            { id: 'saas', url: 'https://www.example.com/saas', label: topics.saas[locale] },
            {
              id: 'training',
              url: 'https://www.example.com/formacion',
              label: topics.training[locale],
            },
            { id: 'book', url: 'https://www.example.com/libro', label: topics.book[locale] },
          ],
        },
      },
      infoEmail(locale, 'info-saas', topics.saas, 'https://www.example.com/saas/precios'),
      infoEmail(
        locale,
        'info-training',
        topics.training,
        'https://www.example.com/formacion/cursos',
      ),
      infoEmail(locale, 'info-book', topics.book, 'https://www.example.com/libro/comprar'),
      {
        id: 'reminder-email',
        type: 'email',
        name: t({ es: 'Recordatorio', en: 'Reminder' }),
        config: {
          subject: t({
            es: '¿Qué tal va tu prueba, {{ lead.name }}?',
            en: 'How is your trial going, {{ lead.name }}?',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nHace una semana empezaste tu prueba gratuita. Si tienes dudas, responde a este email o reserva una demo: {{ links.demo }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nYou started your free trial a week ago. If you have any questions, reply to this email or book a demo: {{ links.demo }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'demo',
              url: 'https://www.example.com/demo',
              label: t({ es: 'Reservar demo', en: 'Book a demo' }),
            },
          ],
        },
      },
      {
        id: 'opportunity',
        type: 'update',
        name: t({ es: 'Pasa a oportunidad', en: 'Becomes an opportunity' }),
        config: { stage: 'opportunity', addTags: ['saas-interesado'] },
      },
      {
        id: 'await-subscription',
        type: 'branch',
        name: t({ es: '¿Se suscribe?', en: 'Subscribes?' }),
        config: { mode: 'hold' },
      },
      {
        id: 'sales-call',
        type: 'call',
        name: t({ es: 'Llamada comercial', en: 'Sales call' }),
        config: {
          priority: 'high',
          script: t({
            es: 'Hola {{ lead.name }}, te llamo por tu prueba gratuita. ¿Qué necesidades tiene tu empresa? ¿Te ayudamos a configurarlo? Ofrece una demo personalizada.',
            en: 'Hi {{ lead.name }}, I am calling about your free trial. What does your company need? Can we help you set it up? Offer a personalised demo.',
          }),
        },
      },
      {
        id: 'subscribed',
        type: 'goal',
        name: t({ es: 'Suscripción', en: 'Subscription' }),
        config: { value: 240 },
      },
      { id: 'exit-lost', type: 'exit', name: t({ es: 'Sin interés', en: 'Not interested' }) },
      {
        id: 'exit-stalled',
        type: 'exit',
        name: t({ es: 'Oportunidad estancada', en: 'Stalled opportunity' }),
      },
    ],
    transitions: [
      edge('entry', 'intro-email', auto()),
      edge('intro-email', 'info-saas', on('clicked', 'saas')),
      edge('intro-email', 'info-training', on('clicked', 'training')),
      edge('intro-email', 'info-book', on('clicked', 'book')),
      edge('intro-email', 'subscribed', onEvent('subscribed')),
      edge('intro-email', 'reminder-email', timeout(7, 'days')),
      ...['info-saas', 'info-training', 'info-book'].flatMap((info) => [
        edge(info, 'opportunity', on('replied')),
        edge(info, 'subscribed', onEvent('subscribed')),
        edge(info, 'reminder-email', timeout(7, 'days')),
      ]),
      edge('reminder-email', 'opportunity', on('replied')),
      edge('reminder-email', 'subscribed', onEvent('subscribed')),
      edge('reminder-email', 'sales-call', timeout(5, 'days')),
      edge('opportunity', 'await-subscription', auto()),
      edge(
        'await-subscription',
        'subscribed',
        when(0, {
          kind: 'event',
          name: 'subscribed',
          where: [],
          when: { op: 'inLast', duration: { amount: 60, unit: 'days' } },
        }),
      ),
      edge('await-subscription', 'exit-stalled', timeout(30, 'days')),
      edge('sales-call', 'subscribed', on('objective_achieved')),
      edge('sales-call', 'opportunity', on('interested')),
      edge('sales-call', 'exit-lost', on('not_interested')),
      edge('sales-call', 'exit-lost', on('no_answer')),
      edge('sales-call', 'exit-lost', timeout(10, 'days')),
    ],
  });
}

export const saasTrialTemplate: FlowTemplate = {
  id: 'seed-saas-trial',
  name: { es: 'Prueba gratuita SaaS', en: 'SaaS free trial' },
  description: {
    es: 'Email de bienvenida, información según el interés, recordatorio y llamada comercial.',
    en: 'Welcome email, information by interest, a reminder and a sales call.',
  },
  build,
};
