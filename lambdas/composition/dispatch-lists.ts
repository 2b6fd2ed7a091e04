/**
 * Wiring of the parcel lists: the dispatches and, for a certificate's parcels, the certificate register.
 *
 * @example
 * await listDispatchesByStateAndMonth(dispatchListDeps(), { state: 'delivered', month: '2026-11' });
 */
import type { DispatchListDeps } from '../use-cases/dispatch/list-dispatches';
import { dispatchRepository } from './dispatch';
import { certificateRepository } from './storage';

/**
 * Deps of the parcel lists; `parts` replace any of them.
 *
 * @example
 * await listMyDispatches(dispatchListDeps(), { viewer });
 */
export const dispatchListDeps = (parts: Partial<DispatchListDeps> = {}): DispatchListDeps => ({
  dispatches: dispatchRepository(),
  certificates: certificateRepository(),
  ...parts,
});
