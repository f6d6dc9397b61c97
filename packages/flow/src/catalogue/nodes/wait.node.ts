import { z } from 'zod';
import { readAttribute } from '../../lead/attribute-path.ts';
import type { LeadSnapshot } from '../../lead/lead.schema.ts';
import { Duration } from '../../segment/rule.schema.ts';
import {
  addDuration,
  daysInMonth,
  fromLocal,
  parseCalendarDate,
  parseClock,
  toLocal,
} from '../../time/zoned-time.ts';
import { assertNever } from '../../util/assert-never.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { Clock } from '../config-fields.ts';
import type { NodeModule } from '../node-module.ts';

export const WAIT_MODES = ['duration', 'until', 'attribute'] as const;

/**
 * Flat rather than a union so the inspector can switch modes without losing what was typed;
 * `validate` checks that the fields of the chosen mode are filled.
 */
export const WaitConfig = z.object({
  mode: z.enum(WAIT_MODES).default('duration'),
  /** `duration`: how long, counted on the lead's calendar for days and longer. */
  duration: Duration.default({ amount: 1, unit: 'days' }),
  /** `until`: a fixed instant (ISO-8601 with offset). */
  until: z.iso.datetime({ offset: true }).nullable().default(null),
  /** `attribute`: a date attribute of the lead (`birthday`, `renewalDate`). */
  attribute: z.string().max(200).default(''),
  /** `attribute`: the next anniversary (birthday) instead of the date itself (renewal). */
  yearly: z.boolean().default(true),
  /** `attribute`: days before (−) or after (+) the date. */
  offsetDays: z.number().int().min(-365).max(365).default(0),
  /** `attribute`: local time of day at which the lead leaves. */
  at: Clock.default('09:00'),
});
export type WaitConfig = z.infer<typeof WaitConfig>;

/** Leaves at `at` local time on the attribute's date (or its next anniversary), never before entry. */
function untilAttribute(config: WaitConfig, lead: LeadSnapshot, enteredAt: number): number | null {
  const date = parseCalendarDate(readAttribute(lead.attributes, config.attribute));
  if (!date) return null;
  const { hour, minute } = parseClock(config.at);
  const zone = lead.timeZone;
  const at = (year: number, month: number, day: number): number => {
    const shifted = new Date(Date.UTC(year, month - 1, day + config.offsetDays));
    const local = {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour,
      minute,
      second: 0,
    };
    return fromLocal(local, zone);
  };
  if (!config.yearly) return Math.max(enteredAt, at(date.year, date.month, date.day));
  const today = toLocal(enteredAt, zone);
  // A 29 February birthday falls on the 28th in common years.
  const onYear = (year: number) =>
    at(year, date.month, Math.min(date.day, daysInMonth(year, date.month)));
  const thisYear = onYear(today.year);
  const sameLocalDay = toLocal(thisYear, zone);
  const isToday =
    sameLocalDay.year === today.year &&
    sameLocalDay.month === today.month &&
    sameLocalDay.day === today.day;
  // Entered on the day itself after the hour: leave now rather than a year later.
  if (thisYear >= enteredAt || isToday) return Math.max(enteredAt, thisYear);
  return onYear(today.year + 1);
}

export const waitNode = {
  type: 'wait',
  label: { es: 'Espera', en: 'Wait' },
  description: {
    es: 'Retiene al lead un tiempo, hasta una fecha o hasta una fecha suya (cumpleaños).',
    en: 'Holds the lead for a while, until a date, or until one of its dates (birthday).',
  },
  icon: 'clock',
  category: 'timing',
  configSchema: WaitConfig,
  defaults: () => WaitConfig.parse({}),
  action: 'hold',
  channel: null,
  defaultCost: 0,
  allowedTriggers: ['auto'],
  signals: () => [],
  validate(config, context) {
    const nodeId = context.node.id;
    if (config.mode === 'until' && config.until === null) {
      return [
        makeIssue(
          'wait_config_incomplete',
          'error',
          { nodeId, path: ['config', 'until'] },
          { mode: 'until' },
        ),
      ];
    }
    if (config.mode === 'attribute' && config.attribute.trim() === '') {
      const path = ['config', 'attribute'];
      return [
        makeIssue('wait_config_incomplete', 'error', { nodeId, path }, { mode: 'attribute' }),
      ];
    }
    return [];
  },
  waitUntil(config, lead, enteredAt) {
    switch (config.mode) {
      case 'duration':
        return addDuration(enteredAt, config.duration.amount, config.duration.unit, lead.timeZone);
      case 'until':
        return config.until === null ? null : Math.max(enteredAt, Date.parse(config.until));
      case 'attribute':
        return untilAttribute(config, lead, enteredAt);
      default:
        return assertNever(config.mode, 'wait mode');
    }
  },
} satisfies NodeModule<WaitConfig>;
