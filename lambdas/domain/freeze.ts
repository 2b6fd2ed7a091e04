/**
 * Deep-freeze plain data (objects and arrays), so values handed out by entities cannot be changed behind their back.
 *
 * @example
 * const products = deepFreeze([{ code: '001' }]);
 * Object.isFrozen(products[0]); // true
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
