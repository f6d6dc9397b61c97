import {
  auto,
  buildFlow,
  edge,
  type FlowDocument,
  on,
  otherwise,
  type SegmentRule,
  timeout,
  when,
} from '@rumbo/flow';

/** The demo's running campaign: its code, so the seed and its tests find it. */
export const DEMO_LIVE_CODE = 'REC001';

/** Who abandoned a cart lately: the demo's live campaign enters them (≈150 of 2,000 leads). */
export const RECENT_CART_RULE: SegmentRule = {
  kind: 'event',
  name: 'cart_abandoned',
  where: [],
  when: { op: 'inLast', duration: { amount: 30, unit: 'days' } },
};

const AGREED_TO_CALLS: SegmentRule = { kind: 'consent', channel: 'call', granted: true };

/**
 * A campaign a new user can watch at once: leads who agreed to calls get a call task, the rest
 * an email; both then wait days for an answer, so the monitor shows people waiting at the
 * email and the call, the outbox the emails and the call list the calls. Test mode: nothing
 * leaves the machine.
 */
export function demoLiveFlow(segmentId: string): FlowDocument {
  const flow = buildFlow({
    settings: {
      code: DEMO_LIVE_CODE,
      name: 'Recuperar carritos (demo en prueba)',
      description:
        'Campaña de ejemplo en marcha y en modo prueba: quien abandonó un carrito en los últimos 30 días recibe una llamada si la aceptó, si no un email. No sale nada: los emails quedan en la bandeja de salida.',
      mode: 'test',
      currency: 'EUR',
      conversionGoal: { signal: 'purchased', window: { amount: 14, unit: 'days' }, value: 62 },
    },
    nodes: [
      {
        id: 'entry',
        type: 'entry',
        name: 'Carrito abandonado (30 días)',
        config: { sources: [{ kind: 'segment', segmentId, continuous: false }] },
      },
      { id: 'who', type: 'branch', name: '¿Acepta llamadas?' },
      {
        id: 'call',
        type: 'call',
        name: 'Llamar para ayudar',
        config: {
          priority: 'normal',
          script:
            'Hola {{ lead.name }}, te llamo de la tienda: vimos que dejaste productos en el carrito. ¿Tuviste algún problema con el pago o el envío? Si quieres, te lo dejo reservado.',
        },
      },
      {
        id: 'reminder',
        type: 'email',
        name: 'Recordatorio de carrito',
        config: {
          subject: '{{ lead.name }}, te dejaste algo en el carrito',
          preheader: 'Lo guardamos unos días más',
          body: 'Hola {{ lead.name }}:\n\nTu carrito sigue esperándote. Termina tu compra aquí: {{ links.cart }}\n\nUn saludo,\nLa tienda',
          links: [{ id: 'cart', url: 'https://www.example.com/carrito', label: 'Ver mi carrito' }],
        },
      },
      { id: 'won', type: 'goal', name: 'Compra recuperada', config: { value: 62 } },
      { id: 'lost', type: 'exit', name: 'Sin interés' },
      { id: 'silent', type: 'exit', name: 'Sin respuesta' },
    ],
    transitions: [
      edge('entry', 'who', auto()),
      edge('who', 'call', when(0, AGREED_TO_CALLS)),
      edge('who', 'reminder', otherwise()),
      edge('call', 'won', on('objective_achieved')),
      edge('call', 'won', on('interested')),
      edge('call', 'lost', on('not_interested')),
      edge('call', 'silent', timeout(7, 'days')),
      edge('reminder', 'won', on('clicked', 'cart')),
      edge('reminder', 'silent', timeout(3, 'days')),
    ],
  });
  // The branch's two ways in the marketer's words (the generated summary names the channel code).
  const labels: Record<string, string> = {
    'who.1': 'Acepta llamadas',
    'who.2': 'No acepta llamadas',
  };
  return {
    ...flow,
    transitions: flow.transitions.map((t) =>
      labels[t.id] === undefined ? t : { ...t, label: labels[t.id] },
    ),
  };
}
