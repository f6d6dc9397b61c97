import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import { auto, buildFlow, edge, inLocale, on, onEvent, timeout } from './template-builder.ts';

/**
 * Seed 000, first campaign: announce the product with a free sample to everyone who fills in
 * the information form; 4–5 days later ask for a review with a purchase option; non-responders
 * get an email asking why, then a sales call; the dissatisfied get a suggestion form.
 */
function build(locale: Locale) {
  const t = inLocale(locale);
  return buildFlow({
    settings: {
      code: 'MUE001',
      name: t({ es: 'Muestra gratuita', en: 'Free sample' }),
      description: t({
        es: 'Muestra gratuita para quien rellena el formulario, reseña con opción de compra, seguimiento de quien no responde y llamada de ventas.',
        en: 'A free sample for everyone who fills in the form, a review request with a purchase option, follow-up of non-responders and a sales call.',
      }),
      currency: 'EUR',
      fixedCost: 300,
      budgetCap: 5000,
      conversionGoal: { signal: 'purchased', window: { amount: 30, unit: 'days' }, value: 39 },
      controlShare: 5,
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Formulario de información', en: 'Information form' }),
        config: { sources: [{ kind: 'event', event: 'info_form_submitted' }] },
      },
      {
        id: 'ship-sample',
        type: 'webhook',
        name: t({ es: 'Enviar muestra (logística)', en: 'Ship the sample (logistics)' }),
        // The sample itself and its postage: the most expensive step of the campaign.
        cost: 4.5,
        config: {
          method: 'POST',
          url: 'https://logistica.example.com/api/shipments',
          headers: { 'Content-Type': 'application/json' },
          body: '{"lead": "{{ lead.key }}", "product": "sample-kit", "name": "{{ lead.name }}"}',
          timeoutMs: 5000,
        },
      },
      {
        id: 'sample-email',
        type: 'email',
        name: t({ es: 'Tu muestra va en camino', en: 'Your sample is on its way' }),
        config: {
          subject: t({
            es: '{{ lead.name }}, tu muestra gratuita va en camino',
            en: '{{ lead.name }}, your free sample is on its way',
          }),
          preheader: t({
            es: 'Llegará en 2–3 días laborables',
            en: 'It will arrive in 2–3 working days',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nGracias por tu interés. Ya hemos enviado tu muestra gratuita; la recibirás en 2–3 días laborables.\n\nMientras tanto, aquí tienes cómo sacarle partido: {{ links.guide }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nThanks for your interest. Your free sample has shipped and will arrive in 2–3 working days.\n\nIn the meantime, here is how to get the most out of it: {{ links.guide }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'guide',
              url: 'https://www.example.com/muestra/guia',
              label: t({ es: 'Guía de uso', en: 'How-to guide' }),
            },
          ],
        },
      },
      {
        id: 'review-email',
        type: 'email',
        name: t({ es: 'Reseña y opción de compra', en: 'Review and purchase option' }),
        config: {
          subject: t({ es: '¿Qué te ha parecido la muestra?', en: 'How did you like the sample?' }),
          preheader: t({ es: 'Tu opinión y un 15 % de descuento', en: 'Your opinion and 15% off' }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nHace unos días recibiste tu muestra. ¿Nos cuentas qué te pareció? Deja tu reseña aquí: {{ links.review }}\n\nSi te gustó, cómpralo ahora con un 15 % de descuento: {{ links.buy }}\n\nGracias,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nYou received your sample a few days ago. Would you tell us what you thought? Leave your review here: {{ links.review }}\n\nIf you liked it, buy it now with 15% off: {{ links.buy }}\n\nThank you,\nThe team',
          }),
          links: [
            {
              id: 'review',
              url: 'https://www.example.com/muestra/resena',
              label: t({ es: 'Dejar reseña', en: 'Leave a review' }),
            },
            {
              id: 'buy',
              url: 'https://www.example.com/tienda/kit?cupon=MUESTRA15',
              label: t({ es: 'Comprar con descuento', en: 'Buy with discount' }),
            },
          ],
        },
      },
      {
        id: 'interested',
        type: 'update',
        name: t({ es: 'Marcar como oportunidad', en: 'Mark as opportunity' }),
        config: { stage: 'opportunity', addTags: ['muestra-interesado'] },
      },
      {
        id: 'feedback-email',
        type: 'email',
        name: t({ es: 'Pedir opinión', en: 'Ask for feedback' }),
        config: {
          subject: t({ es: '¿Por qué no te convenció?', en: "Why wasn't it right for you?" }),
          preheader: t({
            es: 'Dos minutos que nos ayudan mucho',
            en: 'Two minutes that help us a lot',
          }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nNos encantaría saber por qué no has comprado el producto después de probarlo. Responde a este email o rellena este breve formulario: {{ links.form }}\n\nCada respuesta la lee una persona.\n\nGracias,\nEl equipo',
            en: "Hi {{ lead.name }},\n\nWe'd love to know why you didn't buy the product after trying it. Reply to this email or fill in this short form: {{ links.form }}\n\nEvery answer is read by a person.\n\nThank you,\nThe team",
          }),
          links: [
            {
              id: 'form',
              url: 'https://www.example.com/muestra/opinion',
              label: t({ es: 'Formulario de opinión', en: 'Feedback form' }),
            },
          ],
        },
      },
      {
        id: 'sales-call',
        type: 'call',
        name: t({ es: 'Llamada de ventas', en: 'Sales call' }),
        config: {
          priority: 'normal',
          script: t({
            es: 'Hola, ¿hablo con {{ lead.name }}? Te llamo porque hace poco probaste nuestra muestra gratuita. ¿Qué te pareció? ¿Hay algo que te haya frenado para comprarlo? Anota sus comentarios con detalle.',
            en: "Hello, is this {{ lead.name }}? I'm calling because you recently tried our free sample. What did you think? Is there anything that stopped you from buying it? Write down their comments in detail.",
          }),
          outcomes: [
            { id: 'objective_achieved', label: { es: 'Compra cerrada', en: 'Sale closed' } },
            { id: 'interested', label: { es: 'Interesado', en: 'Interested' } },
            { id: 'dissatisfied', label: { es: 'Insatisfecho', en: 'Dissatisfied' } },
            { id: 'not_interested', label: { es: 'No interesado', en: 'Not interested' } },
            { id: 'no_answer', label: { es: 'No contesta', en: 'No answer' } },
          ],
        },
      },
      {
        id: 'suggestion-email',
        type: 'email',
        name: t({ es: 'Formulario de sugerencias', en: 'Suggestion form' }),
        config: {
          subject: t({ es: 'Ayúdanos a mejorar', en: 'Help us improve' }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nGracias por contarnos tu experiencia por teléfono. Sentimos que el producto no estuviera a la altura. ¿Nos dejas tus sugerencias? {{ links.suggestions }}\n\nUn saludo,\nEl equipo',
            en: "Hi {{ lead.name }},\n\nThank you for telling us about your experience on the phone. We're sorry the product fell short. Would you leave us your suggestions? {{ links.suggestions }}\n\nBest,\nThe team",
          }),
          links: [
            {
              id: 'suggestions',
              url: 'https://www.example.com/sugerencias',
              label: t({ es: 'Enviar sugerencias', en: 'Send suggestions' }),
            },
          ],
        },
      },
      {
        id: 'purchase',
        type: 'goal',
        name: t({ es: 'Compra', en: 'Purchase' }),
        config: { value: 39 },
      },
      {
        id: 'exit-opportunity',
        type: 'exit',
        name: t({ es: 'Pasa a ventas', en: 'Handed to sales' }),
        config: { reason: t({ es: 'Interesado', en: 'Interested' }) },
      },
      {
        id: 'exit-feedback',
        type: 'exit',
        name: t({ es: 'Sugerencias recogidas', en: 'Suggestions collected' }),
      },
      { id: 'exit-lost', type: 'exit', name: t({ es: 'Sin interés', en: 'Not interested' }) },
      {
        id: 'exit-shipping',
        type: 'exit',
        name: t({ es: 'Envío fallido', en: 'Shipping failed' }),
      },
    ],
    transitions: [
      edge('entry', 'ship-sample', auto()),
      edge('ship-sample', 'sample-email', on('success')),
      edge('ship-sample', 'exit-shipping', on('failure')),
      edge('ship-sample', 'exit-shipping', timeout(1, 'days')),
      edge('sample-email', 'review-email', timeout(4, 'days')),
      edge('review-email', 'purchase', onEvent('purchased')),
      edge('review-email', 'interested', on('clicked', 'buy')),
      edge('review-email', 'interested', on('replied')),
      edge('review-email', 'feedback-email', timeout(5, 'days')),
      edge('interested', 'exit-opportunity', auto()),
      edge('feedback-email', 'purchase', onEvent('purchased')),
      edge('feedback-email', 'sales-call', on('replied')),
      edge('feedback-email', 'sales-call', timeout(3, 'days')),
      edge('sales-call', 'purchase', on('objective_achieved')),
      edge('sales-call', 'interested', on('interested')),
      edge('sales-call', 'suggestion-email', on('dissatisfied')),
      edge('sales-call', 'exit-lost', on('not_interested')),
      edge('sales-call', 'exit-lost', on('no_answer')),
      edge('sales-call', 'exit-lost', timeout(7, 'days')),
      edge('suggestion-email', 'exit-feedback', on('clicked', 'suggestions')),
      edge('suggestion-email', 'exit-feedback', timeout(7, 'days')),
    ],
  });
}

export const freeSampleTemplate: FlowTemplate = {
  id: 'seed-free-sample',
  name: { es: 'Muestra gratuita', en: 'Free sample' },
  description: {
    es: 'Muestra gratis, reseña con opción de compra, seguimiento y llamada de ventas.',
    en: 'Free sample, review with a purchase option, follow-up and a sales call.',
  },
  build,
};
