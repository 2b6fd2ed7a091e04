/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here), and a page wrapper
 * that records everything a test asserts on: console messages (CSP violations arrive there, even with JavaScript
 * off), requests and dialogs.
 */
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launch headless Chromium with everything that could phone home switched off.
 *
 * @example
 * const browser = await launchChromium(); … await browser.close();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ObservedPage {
  readonly page: Page;
  /** Every console message as `type: text`. */
  readonly console: string[];
  /** Every URL the page requested (navigation included). */
  readonly requests: string[];
  /** Messages of dialogs (alert, confirm, prompt) the page opened; each was dismissed. */
  readonly dialogs: string[];
  /** Console messages that report a Content-Security-Policy violation. */
  cspViolations(): string[];
  close(): Promise<void>;
}

/** A phone-sized viewport: the narrowest common Android width. */
export const MOBILE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * Open a fresh context and page that records console, requests and dialogs, then navigate to `url`.
 *
 * @example
 * const observed = await openObserved(browser, server.url('/v/ABC'), { javaScriptEnabled: false });
 * expect(observed.cspViolations()).toEqual([]);
 */
export async function openObserved(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<ObservedPage> {
  const context = await browser.newContext({ viewport: MOBILE, ...options });
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // `load` has fired by the time goto resolves: the page has no subresources, so nothing can still be pending.
  await page.goto(url, { waitUntil: 'load' });
  // One protocol round trip: events the browser sent before its answer (console, request) are delivered by then.
  await page.title();
  return {
    page,
    console: consoleMessages,
    requests,
    dialogs,
    cspViolations: () => consoleMessages.filter((m) => /Content Security Policy/i.test(m)),
    close: () => context.close(),
  };
}
