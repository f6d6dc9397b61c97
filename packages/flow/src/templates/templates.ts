import { birthdayTemplate } from './birthday.template.ts';
import { cartAbandonmentTemplate } from './cart-abandonment.template.ts';
import { freeSampleTemplate } from './free-sample.template.ts';
import { npsFollowUpTemplate } from './nps-follow-up.template.ts';
import { saasTrialTemplate } from './saas-trial.template.ts';
import type { FlowTemplate } from './template.ts';
import { welcomeSeriesTemplate } from './welcome-series.template.ts';
import { winBackTemplate } from './win-back.template.ts';

/** Every template, the two seed campaigns first. */
export const templates: readonly FlowTemplate[] = [
  freeSampleTemplate,
  saasTrialTemplate,
  welcomeSeriesTemplate,
  cartAbandonmentTemplate,
  birthdayTemplate,
  winBackTemplate,
  npsFollowUpTemplate,
];

export function findTemplate(id: string): FlowTemplate | undefined {
  return templates.find((template) => template.id === id);
}
