/**
 * Failure injection for any fake (or adapter): the same object, whose calls can be made to fail (as an unreachable
 * dependency does) or to hang (as one that never answers), each method or all of them, and counted.
 *
 * @example
 * const register = withFaults(world.certificates);
 * register.faults.set('hang', 'get');
 * register.faults.calls('get'); // 1 after one read
 */

/** What a faulty call does: reject as an unreachable dependency, or never settle. */
export type Fault = 'none' | 'error' | 'hang';

export interface Faults {
  /** Make calls of `method` (every method when absent) fail or hang, or work again (`none`). */
  set(fault: Fault, method?: string): void;
  /** How often `method` was called. */
  calls(method: string): number;
}

/** The error an unreachable dependency's call rejects with. */
export const unreachable = (): Error => Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });

/**
 * `target` with a `faults` switch on its methods. Methods run with `this` bound to `target` (private fields work).
 *
 * @example
 * const keys = withFaults(new FakeKeyRecordSource(records));
 * keys.faults.set('error');
 */
export function withFaults<T extends object>(target: T): T & { readonly faults: Faults } {
  let all: Fault = 'none';
  const byMethod = new Map<string, Fault>();
  const counts = new Map<string, number>();
  const faults: Faults = {
    set(fault, method) {
      if (method === undefined) {
        all = fault;
        byMethod.clear();
      } else byMethod.set(method, fault);
    },
    calls: (method) => counts.get(method) ?? 0,
  };
  return new Proxy(target, {
    get(object, property) {
      if (property === 'faults') return faults;
      const value = Reflect.get(object, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        counts.set(property, (counts.get(property) ?? 0) + 1);
        const fault = byMethod.get(property) ?? all;
        if (fault === 'error') return Promise.reject(unreachable());
        if (fault === 'hang') return new Promise<never>(() => {});
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  }) as T & { readonly faults: Faults };
}
