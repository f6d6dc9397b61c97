import type { SegmentRule } from '../segment/rule.schema.ts';
import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import {
  auto,
  buildFlow,
  edge,
  inLocale,
  on,
  otherwise,
  timeout,
  when,
} from './template-builder.ts';

const score = (op: 'gte' | 'lte', value: number): SegmentRule => ({
  kind: 'attribute',
  path: 'npsScore',
  type: 'number',
  test: { op, value },
});

/** After an NPS answer: promoters are asked for a referral, detractors get a call, the rest a thank-you. */
function build(locale: Locale) {
  const t = inLocale(locale);
  return buildFlow({
    settings: {
      code: 'NPS001',
      name: t({ es: 'Seguimiento NPS', en: 'NPS follow-up' }),
      description: t({
        es: 'Responde a cada puntuación NPS: recomendación, llamada o agradecimiento.',
        en: 'Answers every NPS score: a referral ask, a call or a thank-you.',
      }),
      conversionGoal: { signal: 'referral_sent', window: { amount: 30, unit: 'days' }, value: 25 },
      reentry: { kind: 'afterCooldown', duration: { amount: 3, unit: 'months' } },
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Respuesta NPS', en: 'NPS answer' }),
        config: { sources: [{ kind: 'event', event: 'nps_submitted' }] },
      },
      { id: 'score', type: 'branch', name: t({ es: 'Puntuación', en: 'Score' }) },
      {
        id: 'referral',
        type: 'email',
        name: t({ es: 'Invitar a recomendar', en: 'Ask for a referral' }),
        config: {
          subject: t({
            es: '¡Gracias, {{ lead.name }}! ¿Nos recomiendas?',
            en: 'Thank you, {{ lead.name }}! Would you recommend us?',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nNos alegra mucho tu valoración. Si invitas a un amigo, los dos tendréis un mes gratis: {{ links.refer }}\n\nGracias,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nWe are delighted with your score. Invite a friend and you both get a free month: {{ links.refer }}\n\nThank you,\nThe team',
          }),
          links: [
            {
              id: 'refer',
              url: 'https://www.example.com/invitar',
              label: t({ es: 'Invitar a un amigo', en: 'Invite a friend' }),
            },
          ],
        },
      },
      {
        id: 'recovery-call',
        type: 'call',
        name: t({ es: 'Llamada de recuperación', en: 'Recovery call' }),
        config: {
          priority: 'urgent',
          script: t({
            es: 'Hola {{ lead.name }}, te llamo porque nos diste una puntuación baja. Queremos entender qué ha fallado y cómo arreglarlo. Escucha sin interrumpir y anota el motivo.',
            en: 'Hi {{ lead.name }}, I am calling because you gave us a low score. We want to understand what went wrong and how to fix it. Listen without interrupting and note the reason.',
          }),
          outcomes: [
            { id: 'objective_achieved', label: { es: 'Problema resuelto', en: 'Issue resolved' } },
            { id: 'not_interested', label: { es: 'Sigue insatisfecho', en: 'Still unhappy' } },
            { id: 'no_answer', label: { es: 'No contesta', en: 'No answer' } },
          ],
        },
      },
      {
        id: 'thanks',
        type: 'email',
        name: t({ es: 'Agradecimiento', en: 'Thank-you' }),
        config: {
          subject: t({ es: 'Gracias por tu opinión', en: 'Thanks for your feedback' }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nGracias por responder. Si quieres contarnos algo más, responde a este email.\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nThanks for answering. If there is anything else, just reply to this email.\n\nBest,\nThe team',
          }),
        },
      },
      {
        id: 'tag-detractor',
        type: 'update',
        name: t({ es: 'Etiquetar detractor', en: 'Tag as detractor' }),
        config: { addTags: ['nps-detractor'] },
      },
      {
        id: 'referred',
        type: 'goal',
        name: t({ es: 'Recomendación enviada', en: 'Referral sent' }),
        config: { value: 25 },
      },
      { id: 'exit', type: 'exit', name: t({ es: 'Fin', en: 'Done' }) },
    ],
    transitions: [
      edge('entry', 'score', auto()),
      edge('score', 'referral', when(0, score('gte', 9))),
      edge('score', 'recovery-call', when(1, score('lte', 6))),
      edge('score', 'thanks', otherwise()),
      edge('referral', 'referred', on('referral_sent')),
      edge('referral', 'exit', timeout(10, 'days')),
      edge('recovery-call', 'exit', on('objective_achieved')),
      edge('recovery-call', 'tag-detractor', on('not_interested')),
      edge('recovery-call', 'tag-detractor', on('no_answer')),
      edge('recovery-call', 'tag-detractor', timeout(5, 'days')),
      edge('tag-detractor', 'exit', auto()),
      edge('thanks', 'exit', on('replied')),
      edge('thanks', 'exit', timeout(3, 'days')),
    ],
  });
}

export const npsFollowUpTemplate: FlowTemplate = {
  id: 'nps-follow-up',
  name: { es: 'Seguimiento NPS', en: 'NPS follow-up' },
  description: {
    es: 'Promotores: recomendación; detractores: llamada; pasivos: agradecimiento.',
    en: 'Promoters: referral; detractors: a call; passives: a thank-you.',
  },
  build,
};
