import type { LeadSnapshot } from '@rumbo/flow';
import { Liquid } from 'liquidjs';

/**
 * Merge fields with liquidjs: `{{ lead.name }}`, `{{ lead.country | default: "ES" }}`. As the
 * catalogue documents, `lead.X` is a lead column or, when X is not one, the attribute X.
 * A template that fails to parse renders as its raw text rather than stopping the batch; the
 * validator already refuses unclosed tags at publish.
 */
export function createRenderer(): (template: string, lead: LeadSnapshot, html: boolean) => string {
  const strict = createStrictRenderer();
  return (template, lead, html) => {
    const rendered = strict(template, lead, html);
    return rendered.ok ? rendered.text : template;
  };
}

/** A rendering, or liquidjs's error (it names the line and column) when the template is broken. */
export type Rendered = { ok: true; text: string } | { ok: false; error: string };

/**
 * Like `createRenderer` but reports a broken template instead of sending its raw text: a
 * webhook must not call another system with half-rendered data.
 */
export function createStrictRenderer(): (
  template: string,
  lead: LeadSnapshot,
  html: boolean,
) => Rendered {
  const text = new Liquid({ strictVariables: false, strictFilters: false, cache: 200 });
  const markup = new Liquid({
    strictVariables: false,
    strictFilters: false,
    cache: 200,
    outputEscape: 'escape',
  });
  return (template, lead, html) => {
    if (template === '') return { ok: true, text: '' };
    const scope = {
      lead: {
        ...lead.attributes,
        key: lead.key,
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        locale: lead.locale,
        timeZone: lead.timeZone,
        stage: lead.stage,
        tags: lead.tags,
        attributes: lead.attributes,
      },
    };
    try {
      return { ok: true, text: (html ? markup : text).parseAndRenderSync(template, scope) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
