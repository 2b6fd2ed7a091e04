/**
 * The console's own routes (sign-in and out, the start page, assets); the enterprise's pages are in
 * `console-enterprise.ts`. Console routes live under `/console` (`isConsoleRoute`): HTML behind the session, not in
 * the OpenAPI document, no JWT authorizer.
 *
 * @example
 * publicConsoleRoute(consoleSignedOutPage, async ({ ctx }) => …);
 */
import { z } from 'zod';
import { defineRoute, ROLES } from './route';

const HTML = { contentType: 'text/html' } as const;
const page = (description: string) => ({ 200: { description, ...HTML } });
const redirect = (description: string) => ({ 303: { description } });

export const consoleHomePage = defineRoute({
  operationId: 'consoleHome',
  method: 'GET',
  path: '/console',
  summary: 'The console’s start: an enterprise goes to its licences',
  tags: ['console'],
  access: ROLES,
  responses: { ...page('The start page (staff)'), ...redirect('To the role’s first page') },
});

export const consoleSignInRoute = defineRoute({
  operationId: 'consoleSignIn',
  method: 'GET',
  path: '/console/sign-in',
  summary: 'Start signing in: redirect to the identity provider with state, nonce and PKCE',
  tags: ['console'],
  access: 'public',
  request: { query: z.object({ next: z.string().max(2048).optional() }) },
  responses: redirect('To the identity provider’s authorization endpoint (or to `next` when signed in)'),
});

export const consoleCallbackRoute = defineRoute({
  operationId: 'consoleCallback',
  method: 'GET',
  path: '/console/callback',
  summary: 'The identity provider’s redirect back: exchange the code, verify the ID token, start the session',
  tags: ['console'],
  access: 'public',
  request: {
    query: z.object({
      code: z.string().max(2048).optional(),
      state: z.string().max(512).optional(),
      error: z.string().max(256).optional(),
    }),
  },
  responses: { ...redirect('To the page asked for, signed in'), 401: { description: 'Sign-in failed', ...HTML } },
});

export const consoleSignOutRoute = defineRoute({
  operationId: 'consoleSignOut',
  method: 'POST',
  path: '/console/sign-out',
  summary: 'End the session (CSRF-checked) and go to the identity provider’s logout',
  tags: ['console'],
  access: ROLES,
  request: { body: z.object({}), bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: redirect('To the identity provider’s logout endpoint'),
});

export const consoleSignedOutPage = defineRoute({
  operationId: 'consoleSignedOut',
  method: 'GET',
  path: '/console/signed-out',
  summary: 'Where the identity provider sends the browser after logout',
  tags: ['console'],
  access: 'public',
  responses: page('You have signed out'),
});

export const CONSOLE_ASSET_FILES = ['console.css', 'console.js', 'upload.js'] as const;

export const consoleAssetRoute = defineRoute({
  operationId: 'consoleAsset',
  method: 'GET',
  path: '/console/assets/{file}',
  summary: 'The console’s stylesheet and script (long-cached when the hash matches)',
  tags: ['console'],
  access: 'public',
  request: {
    params: z.object({ file: z.enum(CONSOLE_ASSET_FILES) }),
    query: z.object({ v: z.string().max(64).optional() }),
  },
  responses: { 200: { description: 'The file', contentType: 'text/css' } },
});
