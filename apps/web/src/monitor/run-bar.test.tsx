import type { CampaignMode, CampaignStatus, LaunchResult } from '@rumbo/flow';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { RunBar, type RunOutcome, runButtons } from './run-bar.tsx';
import { useOutcomeText, useRunErrorText } from './run-text.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

/** The buttons' visible names, in order. */
const buttonNames = (html: string) =>
  [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

function renderBar(
  language: Language,
  props: { status: CampaignStatus; mode: CampaignMode; publishedVersion: number | null },
  extra: { notice?: string; error?: string } = {},
) {
  return renderToString(
    <I18nextProvider i18n={createI18n(language)}>
      <RunBar
        {...props}
        busy={false}
        notice={extra.notice ?? null}
        error={extra.error ?? null}
        onAction={() => {}}
      />
    </I18nextProvider>,
  );
}

function Outcome({ outcome }: { outcome: RunOutcome }) {
  const say = useOutcomeText();
  const { i18n } = useTranslation();
  return <p>{say(outcome, (n) => n.toLocaleString(i18n.language))}</p>;
}

const renderOutcome = (language: Language, outcome: RunOutcome) =>
  text(
    renderToString(
      <I18nextProvider i18n={createI18n(language)}>
        <Outcome outcome={outcome} />
      </I18nextProvider>,
    ),
  ).trim();

const launched = (over: Partial<LaunchResult>): RunOutcome => ({
  kind: 'launched',
  result: {
    status: 'active',
    version: 1,
    enrolled: 0,
    control: 0,
    missingSegments: [],
    ...over,
  },
});

describe('runButtons', () => {
  it('offers launch only once a version is published, from draft or stopped', () => {
    expect(runButtons('draft', 'live', null)).toEqual([]);
    expect(runButtons('draft', 'live', 1)).toEqual(['launch']);
    expect(runButtons('stopped', 'test', 2)).toEqual(['launch']);
  });

  it('offers pause and stop while active, resume and stop while paused', () => {
    expect(runButtons('active', 'live', 1)).toEqual(['pause', 'stop']);
    expect(runButtons('paused', 'manual', 1)).toEqual(['resume', 'stop']);
  });

  it('offers the clock only to a running test campaign', () => {
    expect(runButtons('active', 'test', 1)).toEqual(['pause', 'fastForward', 'stop']);
    expect(runButtons('paused', 'test', 1)).toEqual(['resume', 'fastForward', 'stop']);
    expect(runButtons('draft', 'test', 1)).not.toContain('fastForward');
    expect(runButtons('active', 'manual', 1)).not.toContain('fastForward');
  });

  it('offers nothing for an archived campaign', () => {
    expect(runButtons('archived', 'test', 3)).toEqual([]);
  });
});

describe('RunBar', () => {
  it('shows «Lanzar» with the status and mode for a published campaign not yet launched', () => {
    const html = renderBar('es', { status: 'draft', mode: 'test', publishedVersion: 1 });
    expect(buttonNames(html)).toEqual(['Lanzar']);
    expect(text(html)).toContain('Borrador');
    expect(text(html)).toContain('Prueba');
    expect(html).toContain('aria-label="Ejecución de la campaña"');
  });

  it('shows pause, the labelled clock choice with its test-only hint, and stop for an active test campaign', () => {
    const html = renderBar('es', { status: 'active', mode: 'test', publishedVersion: 1 });
    expect(buttonNames(html)).toEqual(['Pausar campaña', 'Adelantar reloj', 'Detener']);
    expect(text(html)).toContain('+1 hora +1 día +1 semana');
    expect(text(html)).toContain('Solo las campañas en modo prueba pueden adelantar el reloj.');
    const select = html.match(/<select id="([^"]+)"/)?.[1];
    expect(select).toBeDefined();
    expect(html).toContain(`for="${select}"`);
  });

  it('has no clock for a live campaign, in English', () => {
    const html = renderBar('en', { status: 'paused', mode: 'live', publishedVersion: 2 });
    expect(buttonNames(html)).toEqual(['Resume campaign', 'Stop']);
    expect(text(html)).not.toContain('Fast-forward');
  });

  it('puts the error in words next to the bar as an alert', () => {
    const html = renderBar(
      'en',
      { status: 'active', mode: 'live', publishedVersion: 1 },
      { error: 'The campaign is not in test mode.' },
    );
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('The campaign is not in test mode.');
  });
});

describe('the outcome in words', () => {
  it('says how many entered and how many went to the control group', () => {
    expect(renderOutcome('es', launched({ enrolled: 12, control: 3 }))).toBe(
      'Lanzada: entraron 12 leads. 3 fueron al grupo de control (no reciben nada).',
    );
    expect(renderOutcome('es', launched({ enrolled: 5, control: 0 }))).toBe(
      'Lanzada: entraron 5 leads. Ninguno fue al grupo de control.',
    );
    expect(renderOutcome('en', launched({ enrolled: 1, control: 1 }))).toBe(
      'Launched: 1 lead entered. 1 went to the control group (receives nothing).',
    );
  });

  it('says why nobody entered when the validity period refused them', () => {
    const refused = launched({
      refused: {
        code: 'before_validity_period',
        validFrom: '2999-01-01',
        validTo: null,
        today: '2026-11-22',
      },
    });
    expect(renderOutcome('es', refused)).toBe(
      'Lanzada, pero no entró nadie: la campaña admite leads desde el 2999-01-01 y hoy es 2026-11-22 (UTC).',
    );
    const over = launched({
      refused: {
        code: 'after_validity_period',
        validFrom: null,
        validTo: '2000-12-31',
        today: '2026-11-22',
      },
    });
    expect(renderOutcome('en', over)).toBe(
      'Launched, but nobody entered: the campaign stopped taking leads after 2000-12-31 and today is 2026-11-22 (UTC).',
    );
  });

  it('says nobody entered, and names missing entry segments, when the segments gave nobody', () => {
    expect(renderOutcome('es', launched({ missingSegments: ['a'] }))).toBe(
      'Lanzada, pero no entró nadie: los segmentos de entrada no tienen leads que puedan entrar ahora. Un segmento de entrada ya no existe: de él no entró nadie.',
    );
  });

  it('says what the clock moved', () => {
    const outcome: RunOutcome = {
      kind: 'fastForwarded',
      by: { amount: 1, unit: 'days' },
      result: { shifted: 4, dueNow: 2 },
    };
    expect(renderOutcome('es', outcome)).toBe(
      'Reloj adelantado +1 día: cambió la fecha de 4 leads; 2 siguen ya.',
    );
    expect(renderOutcome('en', outcome)).toBe(
      'Clock moved +1 day: 4 leads had their date moved; 2 move on now.',
    );
  });
});

function ErrorText({ error }: { error: Error }) {
  return <p>{useRunErrorText()(error)}</p>;
}

const renderError = (language: Language, error: Error) =>
  text(
    renderToString(
      <I18nextProvider i18n={createI18n(language)}>
        <ErrorText error={error} />
      </I18nextProvider>,
    ),
  ).trim();

describe("a run action's error in words", () => {
  const conflict = new ApiError(
    {
      kind: 'problem',
      status: 409,
      code: 'conflict',
      problem: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'conflict',
        detail: 'cannot pause a campaign that is stopped',
      },
    },
    'Otra persona ha guardado cambios a la vez.',
  );

  it('says the status changed under the page, with the server detail, not a concurrent save', () => {
    expect(renderError('es', conflict)).toBe(
      'La campaña ya no está en el estado que muestra esta página (quizá otra persona la cambió): mira su estado actual y vuelve a intentarlo. Detalle del servidor: cannot pause a campaign that is stopped',
    );
  });

  it('keeps the translated sentence of other codes and adds their detail', () => {
    const wrongMode = new ApiError(
      {
        kind: 'problem',
        status: 409,
        code: 'wrong_campaign_mode',
        problem: {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'wrong_campaign_mode',
          detail: 'the campaign runs in live mode',
        },
      },
      'The campaign is not in the right mode.',
    );
    expect(renderError('en', wrongMode)).toBe(
      'The campaign is not in the right mode. Server detail: the campaign runs in live mode',
    );
  });

  it("says the action could not be completed for a failure that is not the API's", () => {
    expect(renderError('en', new Error('boom'))).toBe('The action could not be completed.');
  });
});
