import type { Locale } from '../validate/issue.ts';
import type { FlowTemplate } from './template.ts';
import {
  auto,
  buildFlow,
  edge,
  inLocale,
  on,
  onEvent,
  otherwise,
  timeout,
  weight,
  when,
} from './template-builder.ts';

/** Welcome email, an A/B test of two tips emails, then an offer for those who have not bought. */
function build(locale: Locale) {
  const t = inLocale(locale);
  const tips = (variant: 'A' | 'B') => ({
    subject:
      variant === 'A'
        ? t({ es: '3 trucos para empezar con buen pie', en: '3 tips to get off to a good start' })
        : t({
            es: '{{ lead.name }}, así lo usan nuestros mejores clientes',
            en: '{{ lead.name }}, this is how our best customers use it',
          }),
    body: t({
      es: 'Hola {{ lead.name }}:\n\nTe dejamos algunas ideas para sacar el máximo partido desde el primer día: {{ links.tips }}\n\nUn saludo,\nEl equipo',
      en: 'Hi {{ lead.name }},\n\nHere are a few ideas to get the most out of it from day one: {{ links.tips }}\n\nBest,\nThe team',
    }),
    links: [
      {
        id: 'tips',
        url: `https://www.example.com/consejos?v=${variant}`,
        label: t({ es: 'Ver consejos', en: 'See the tips' }),
      },
    ],
  });
  return buildFlow({
    settings: {
      code: 'BIEN01',
      name: t({ es: 'Serie de bienvenida', en: 'Welcome series' }),
      description: t({
        es: 'Da la bienvenida a los nuevos registros y los lleva a la primera compra.',
        en: 'Welcomes new signups and leads them to a first purchase.',
      }),
      conversionGoal: { signal: 'purchased', window: { amount: 21, unit: 'days' }, value: 45 },
      controlShare: 5,
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: t({ es: 'Nuevo registro', en: 'New signup' }),
        config: { sources: [{ kind: 'event', event: 'signed_up' }] },
      },
      {
        id: 'welcome',
        type: 'email',
        name: t({ es: 'Bienvenida', en: 'Welcome' }),
        config: {
          subject: t({ es: '¡Bienvenido, {{ lead.name }}!', en: 'Welcome, {{ lead.name }}!' }),
          preheader: t({ es: 'Empieza aquí', en: 'Start here' }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nGracias por registrarte. Tu cuenta ya está lista: {{ links.account }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nThanks for signing up. Your account is ready: {{ links.account }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'account',
              url: 'https://www.example.com/cuenta',
              label: t({ es: 'Mi cuenta', en: 'My account' }),
            },
          ],
        },
      },
      { id: 'ab', type: 'split', name: t({ es: 'Test A/B del asunto', en: 'Subject A/B test' }) },
      {
        id: 'tips-a',
        type: 'email',
        name: t({ es: 'Consejos (A)', en: 'Tips (A)' }),
        config: tips('A'),
      },
      {
        id: 'tips-b',
        type: 'email',
        name: t({ es: 'Consejos (B)', en: 'Tips (B)' }),
        config: tips('B'),
      },
      { id: 'bought', type: 'branch', name: t({ es: '¿Ya ha comprado?', en: 'Bought already?' }) },
      {
        id: 'offer',
        type: 'email',
        name: t({ es: 'Oferta de bienvenida', en: 'Welcome offer' }),
        config: {
          subject: t({ es: 'Un 10 % para tu primera compra', en: '10% off your first purchase' }),
          body: t({
            es: 'Hola {{ lead.name }}:\n\nPara tu primera compra, usa el código BIENVENIDA10: {{ links.shop }}\n\nUn saludo,\nEl equipo',
            en: 'Hi {{ lead.name }},\n\nFor your first purchase, use the code WELCOME10: {{ links.shop }}\n\nBest,\nThe team',
          }),
          links: [
            {
              id: 'shop',
              url: 'https://www.example.com/tienda',
              label: t({ es: 'Ir a la tienda', en: 'Go to the shop' }),
            },
          ],
        },
      },
      {
        id: 'first-purchase',
        type: 'goal',
        name: t({ es: 'Primera compra', en: 'First purchase' }),
        config: { value: 45 },
      },
      { id: 'exit', type: 'exit', name: t({ es: 'Fin de la serie', en: 'End of series' }) },
    ],
    transitions: [
      edge('entry', 'welcome', auto()),
      edge('welcome', 'ab', on('opened')),
      edge('welcome', 'ab', timeout(2, 'days')),
      edge('ab', 'tips-a', weight(50)),
      edge('ab', 'tips-b', weight(50)),
      edge('tips-a', 'bought', timeout(3, 'days')),
      edge('tips-b', 'bought', timeout(3, 'days')),
      edge(
        'bought',
        'first-purchase',
        when(0, {
          kind: 'event',
          name: 'purchased',
          where: [],
          when: { op: 'inLast', duration: { amount: 7, unit: 'days' } },
        }),
      ),
      edge('bought', 'offer', otherwise()),
      edge('offer', 'first-purchase', onEvent('purchased')),
      edge('offer', 'exit', timeout(7, 'days')),
    ],
  });
}

export const welcomeSeriesTemplate: FlowTemplate = {
  id: 'welcome-series',
  name: { es: 'Serie de bienvenida', en: 'Welcome series' },
  description: {
    es: 'Bienvenida, consejos con test A/B y oferta para la primera compra.',
    en: 'Welcome, tips with an A/B test and an offer for the first purchase.',
  },
  build,
};
