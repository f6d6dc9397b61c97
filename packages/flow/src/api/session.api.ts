import { z } from 'zod';

/** `POST /api/v1/session`: sign in with the email and password of a user. */
export const SignInBody = z
  .object({
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1000),
  })
  .strict()
  .meta({ id: 'SignInBody' });
export type SignInBody = z.infer<typeof SignInBody>;

/**
 * `GET|POST|DELETE /api/v1/session`: whether the API asks for sign-in (as soon as a user or an
 * API key exists) and who the browser's session belongs to, if anyone.
 */
export const SessionState = z
  .object({
    required: z.boolean(),
    user: z.object({ email: z.string(), name: z.string(), role: z.string() }).nullable(),
  })
  .meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof SessionState>;

/** `PUT /api/v1/session/password`: the signed-in user changes their own password. */
export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: z.string().min(8).max(1000),
  })
  .strict()
  .meta({ id: 'ChangePasswordBody' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
