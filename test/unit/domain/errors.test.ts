/**
 * validateAll: independent validations report every refused field at once, under the first refusal's code; results
 * come back in order when all pass; other errors are not swallowed.
 */
import { describe, expect, test } from 'vitest';
import { ValidationError, validateAll } from '../../../lambdas/domain/errors';

const refuse = (field: string, code: 'TEXT_NOT_PRINTABLE' | 'PROCEDURE_NONE') => () => {
  throw new ValidationError(code, `${field} refused`, [{ field, message: 'refused' }]);
};

describe('validateAll', () => {
  test('all pass: the results in order', () => {
    expect(
      validateAll(
        () => 1,
        () => 'two',
      ),
    ).toEqual([1, 'two']);
  });

  test('two refuse: one error, the first code and message, the issues of both', () => {
    // Act
    const error = (() => {
      try {
        validateAll(refuse('enterprise.name', 'TEXT_NOT_PRINTABLE'), () => 2, refuse('products', 'PROCEDURE_NONE'));
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'TEXT_NOT_PRINTABLE', message: 'enterprise.name refused' });
    expect((error as ValidationError).details.issues?.map((i) => i.field)).toEqual(['enterprise.name', 'products']);
  });

  test('an error that is not a validation error passes through as it is', () => {
    const boom = new Error('storage down');
    expect(() =>
      validateAll(refuse('products', 'PROCEDURE_NONE'), () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
