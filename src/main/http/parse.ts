import type { z } from 'zod';
import { ApiError } from './errors.js';

/** zod issues as one line: `path: message; path: message` (the dashboard maps them back to fields). */
function zodMessage(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : '';
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Validates input with a schema, or throws VALIDATION_ERROR naming each field that is wrong. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError('VALIDATION_ERROR', `Invalid ${where}: ${zodMessage(result.error)}`);
  return result.data;
}
