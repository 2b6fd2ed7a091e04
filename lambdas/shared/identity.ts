/**
 * The caller's identity, read the one way every handler reads it: from the claims API Gateway's JWT authorizer puts
 * on the event (the local gateway does the same after verifying the token like the cloud authorizer).
 *
 * API Gateway HTTP APIs flatten array claims to strings: `cognito:groups` arrives as `"[officer admin]"`.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROLES, type Role } from '../contracts/route';
import { ForbiddenError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';

export interface Identity {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** The enterprise's unified social credit code (custom:uscc), for enterprise users. */
  readonly uscc?: string;
  readonly name?: string;
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * Claim names, read once at cold start. Cognito emits `cognito:groups` and `custom:uscc`; an external OIDC issuer
 * (the provincial government portal, used where Cognito is not offered) may name them differently.
 */
export const CLAIM_NAMES = Object.freeze({
  roles: process.env.ROLES_CLAIM?.trim() || 'cognito:groups',
  uscc: process.env.USCC_CLAIM?.trim() || 'custom:uscc',
});

/** Parse a groups claim in any of the shapes it arrives in: array, `"[a b]"`, `"a,b"` or `"a"`. */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((g) => g.length > 0);
}

export function identityFromClaims(claims: Claims | undefined): Identity | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const roles = parseGroups(claims[CLAIM_NAMES.roles]).filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  const usccClaim = claims[CLAIM_NAMES.uscc];
  const uscc = typeof usccClaim === 'string' ? usccClaim : undefined;
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  return { subject: claims.sub, roles, ...(uscc ? { uscc } : {}), ...(name ? { name } : {}) };
}

export function readIdentity(event: APIGatewayProxyEventV2): Identity | undefined {
  const ctx = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Claims } };
  };
  return identityFromClaims(ctx.authorizer?.jwt?.claims);
}

export const hasRole = (identity: Identity | undefined, roles: readonly Role[]): boolean =>
  identity?.roles.some((r) => roles.includes(r)) ?? false;

export const isStaff = (identity: Identity | undefined): boolean => hasRole(identity, ['officer', 'reviewer', 'admin']);

/**
 * The caller as a viewer: staff see everything; an enterprise only what carries its USCC.
 *
 * @example
 * const viewer = viewerOf(identity); // { kind: 'staff', id: 'officer-1', role: 'officer' }
 */
export function viewerOf(identity: Identity | undefined): Viewer {
  if (!identity) throw new ForbiddenError('FORBIDDEN', 'a signed-in user is required');
  const staffRole = identity.roles.find((r) => r !== 'enterprise');
  if (staffRole) return { kind: 'staff', id: identity.subject, role: staffRole };
  if (!identity.uscc)
    throw new ForbiddenError('ENTERPRISE_USCC_MISSING', 'the token carries no enterprise USCC (custom:uscc)');
  return { kind: 'enterprise', id: identity.subject, uscc: identity.uscc };
}
