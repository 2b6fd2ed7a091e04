/**
 * Who is asking: authority staff (with their role), or an enterprise identified by its USCC. Staff see every record;
 * an enterprise only what carries its USCC — and anything else answers exactly like a record that does not exist.
 *
 * @example
 * const viewer: Viewer = { kind: 'enterprise', id: 'user-7', uscc: '91420100MA4K0A0A1E' };
 * actorOf(viewer); // { id: 'user-7', role: 'enterprise' }
 */
export type Viewer =
  | { readonly kind: 'staff'; readonly id: string; readonly role: string }
  | { readonly kind: 'enterprise'; readonly id: string; readonly uscc: string };

/**
 * The viewer as the actor of a timeline step or an audit event.
 *
 * @example
 * actorOf({ kind: 'staff', id: 'reviewer-1', role: 'reviewer' }); // { id: 'reviewer-1', role: 'reviewer' }
 */
export const actorOf = (viewer: Viewer): { id: string; role: string } => ({
  id: viewer.id,
  role: viewer.kind === 'staff' ? viewer.role : 'enterprise',
});
