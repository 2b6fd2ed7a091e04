/**
 * The console's static assets (the stylesheet, the script, and the application page's upload script), with content hashes for cache-busting: the shell links
 * `/console/assets/console.css?v=<hash>`, and a request carrying the current hash may be cached for a year.
 *
 * @example
 * CONSOLE_ASSETS['console.css'].href; // '/console/assets/console.css?v=3f2a9c01be'
 */
import { createHash } from 'node:crypto';
import { CONSOLE_JS } from './script';
import { CONSOLE_CSS } from './stylesheet';
import { UPLOAD_JS } from './upload-script';

export interface ConsoleAsset {
  readonly contentType: string;
  readonly body: string;
  /** First 10 hex digits of the SHA-256 of the body. */
  readonly hash: string;
  /** The cache-busted URL path. */
  readonly href: string;
}

const asset = (name: string, contentType: string, body: string): ConsoleAsset => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { contentType, body, hash, href: `/console/assets/${name}?v=${hash}` };
};

export const CONSOLE_ASSETS: Readonly<Record<string, ConsoleAsset>> = {
  'console.css': asset('console.css', 'text/css; charset=utf-8', CONSOLE_CSS),
  'console.js': asset('console.js', 'text/javascript; charset=utf-8', CONSOLE_JS),
  'upload.js': asset('upload.js', 'text/javascript; charset=utf-8', UPLOAD_JS),
};
