import { z } from 'zod';

/**
 * The error body of every failed API call: RFC 9457 `application/problem+json` with a
 * stable `code` that clients translate and test against (the `title` is a courtesy in the
 * request's language). Validation failures list their issues, each located.
 */

export const PROBLEM_CODES = [
  'validation_failed',
  'not_found',
  'route_not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'conflict',
  'campaign_code_taken',
  'draft_conflict',
  'wrong_campaign_mode',
  'lead_not_held',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'database_unavailable',
  'internal_error',
] as const;
export const ProblemCode = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** Where in the request an issue was found. */
export const ProblemLocation = z.enum(['body', 'params', 'querystring', 'headers']);
export type ProblemLocation = z.infer<typeof ProblemLocation>;

export const ProblemIssue = z
  .object({
    /** Which part of the request; absent for issues inside a stored document. */
    location: ProblemLocation.optional(),
    /** Path inside that part, e.g. `['settings', 'code']`; empty = the part as a whole. */
    path: z.array(z.union([z.string(), z.number()])),
    /** Stable machine code (zod's issue code, or a flow-validation code). */
    code: z.string(),
    /** Human-readable explanation in English, for developers reading raw responses. */
    message: z.string(),
  })
  .meta({ id: 'ProblemIssue' });
export type ProblemIssue = z.infer<typeof ProblemIssue>;

export const Problem = z
  .object({
    /** A URI naming the problem type: `urn:rumbo:problem:<code>`. */
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: ProblemCode,
    detail: z.string().optional(),
    issues: z.array(ProblemIssue).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
