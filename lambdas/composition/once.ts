/**
 * A value built on first use and kept for the life of the process — a Lambda's cold-start singleton.
 *
 * @example
 * const repository = once(() => new DynamoCertificateRepository(dynamoClient(), config().tableName));
 * repository() === repository(); // true
 */
export const once = <T>(make: () => T): (() => T) => {
  let made: { readonly value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
};
