import { ApiError } from '../api/api-error.ts';

/** An API failure's message (already translated by the client); anything else: `fallback`. */
export function errorMessage(error: Error, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}
