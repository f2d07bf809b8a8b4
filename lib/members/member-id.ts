import { z } from 'zod';

/**
 * A member id as the supplier's directory holds it: the same rule the import applies to every
 * row, so an id that could never have been imported is refused wherever one is taken (a URL,
 * a decision). Browser-safe.
 */
export const memberIdSchema = z
  .string()
  .trim()
  .min(1, { error: 'is required' })
  .max(64, { error: 'may be at most 64 characters' })
  .regex(/^[\w.-]+$/, { error: 'may only hold letters, digits, ".", "_" and "-"' });
