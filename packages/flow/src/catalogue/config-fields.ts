import { z } from 'zod';

/** Shared pieces of node config schemas. */

/** A wall-clock time `HH:MM` (24 h), read in the lead's time zone. */
export const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');

// `URL` is not part of the ES library this package compiles against (no DOM, no node types),
// and a pattern is enough to catch the mistakes a marketer makes: a missing scheme, spaces.
// Merge fields (`{{ lead.key }}`) are allowed inside.
const HTTP_URL = /^https?:\/\/[^\s/?#][^\s]*$/i;
const MERGE_TAG = /\{\{[^}]*\}\}/g;
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value.replace(MERGE_TAG, 'x'));
}

const EMAIL_ADDRESS = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
export function isEmailAddress(value: string): boolean {
  return EMAIL_ADDRESS.test(value);
}

/** Localised text written by the marketer (call outcomes). */
export const LocalisedText = z.object({
  es: z.string().max(200),
  en: z.string().max(200),
});

/** The URLs written in a text (SMS bodies), for matching a `clicked` transition's link. */
export function urlsIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s]+/gi) ?? [];
}
