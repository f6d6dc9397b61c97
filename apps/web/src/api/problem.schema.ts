import { z } from 'zod';

/**
 * The body of every API error (RFC 9457 `application/problem+json`) as the server sends it:
 * `code` is stable and is what the interface translates; `title`/`detail` are for developers.
 * Kept loose (extra members allowed) so the server can add fields without breaking clients.
 */
export const ProblemDetails = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  issues: z.array(z.looseObject({ code: z.string() })).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
