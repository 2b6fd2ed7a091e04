/** The `application/problem+json` body (RFC 9457) every error response carries. */
import { z } from 'zod';

export const ProblemBody = z
  .object({
    type: z.string().describe('URI naming the problem type, stable per `code`'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code, e.g. `USCC_INVALID`'),
    detail: z.string().optional().describe('Human-readable explanation (4xx only)'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    correlationId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemBody>;

export const problemExample = (status: number, code: string, detail: string): Problem => ({
  type: `urn:permit:problem:${code.toLowerCase()}`,
  title: detail,
  status,
  code,
  detail,
});
