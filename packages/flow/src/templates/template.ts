import type { FlowDocument } from '../document/flow.schema.ts';
import type { Locale, Localised } from '../validate/issue.ts';

/** A ready-made campaign a marketer starts from; `build` writes names and texts in one language. */
export interface FlowTemplate {
  id: string;
  name: Localised;
  description: Localised;
  build(locale: Locale): FlowDocument;
}
