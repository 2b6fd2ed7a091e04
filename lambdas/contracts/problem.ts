/** The `application/problem+json` body (RFC 9457) every error response carries. */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../domain/error-catalogue';

export const ProblemBody = z
  .object({
    type: z.string().describe('URI naming the problem type, stable per `code`'),
    title: z.string(),
    status: z.number().int(),
    code: z
      .enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]])
      .describe(
        'Stable machine-readable error code from the catalogue (`x-error-codes`, docs/errors.md), e.g. `USCC_CHECK_CHARACTER`',
      ),
    detail: z.string().optional().describe('Human-readable explanation (4xx only)'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    correlationId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemBody>;

export const problemExample = (status: number, code: ErrorCode, detail: string): Problem => ({
  type: `urn:permit:problem:${code.toLowerCase()}`,
  title: detail,
  status,
  code,
  detail,
});
