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

/**
 * Every other address under `/console` (any method): the console's own 404 page, in its shell and language, rather
 * than the gateway's bare not-found. A greedy route, so API Gateway (and the local gateway, which matches as it does)
 * picks any route with a literal or `{param}` segment where this one has `{proxy+}` — and a route naming the method
 * before `ANY` — so no page is shadowed.
 */
export const consoleNotFoundRoute = defineRoute({
  operationId: 'consoleNotFound',
  method: 'ANY',
  path: '/console/{proxy+}',
  summary: 'Any other address under /console: the console’s 404 page',
  tags: ['console'],
  access: 'public',
  request: { params: z.object({ proxy: z.string() }) },
  responses: { 404: { description: 'No console page here', ...HTML } },
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
    // Any name up to a length: an unknown one is the handler's 404 page (a name is not malformed input), not a 400.
    params: z.object({
      file: z
        .string()
        .max(64)
        .describe(`One of ${CONSOLE_ASSET_FILES.join(', ')}`),
    }),
    query: z.object({ v: z.string().max(64).optional() }),
  },
  responses: {
    200: { description: 'The file', contentType: 'text/css' },
    303: { description: 'To the current hashed URL (another or no `v`)' },
    404: { description: 'No such asset', contentType: 'text/html' },
  },
});
