/**
 * What a synchronous call threw, as plain data for assertions: its stable `code` and the fields it named.
 *
 * @example
 * expect(issuesOf(() => parseUscc('x'))).toEqual({ code: 'USCC_LENGTH', fields: ['uscc'] });
 * expect(codeOf(() => LicenceNumber.parse('bad'))).toBe('LICENCE_NUMBER_FORMAT');
 */
export const issuesOf = (attempt: () => unknown): { code?: string; fields: string[] } => {
  try {
    attempt();
    return { fields: [] };
  } catch (e) {
    const err = e as { code?: string; details?: { issues?: { field: string }[] } };
    return { code: err.code, fields: err.details?.issues?.map((i) => i.field) ?? [] };
  }
};

export const codeOf = (attempt: () => unknown): string | undefined => issuesOf(attempt).code;
