/**
 * Inline SVG icons (no external assets, no `style` attributes — only presentation attributes, which the CSP allows).
 * Every icon is decorative (`aria-hidden`): the word next to it carries the meaning, so nothing relies on the shape
 * or the colour alone.
 */
import type { CheckOutcome, Verdict } from '../../domain/verification/result';
import { type SafeHtml, trusted } from './escape';

const PATHS = {
  check: '<circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.2 3.2L17 9"/>',
  cross: '<circle cx="12" cy="12" r="10"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>',
  ban: '<circle cx="12" cy="12" r="10"/><path d="M4.9 4.9l14.2 14.2"/>',
  pause: '<circle cx="12" cy="12" r="10"/><path d="M10 8v8M14 8v8"/>',
  clock: '<circle cx="12" cy="12" r="10"/><path d="M12 7v5l3.5 2"/>',
  question:
    '<circle cx="12" cy="12" r="10"/><path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.7.3-1 .8-1 1.5v.4"/><path d="M12 17h.01"/>',
  dash: '<circle cx="12" cy="12" r="10"/><path d="M8 12h8"/>',
  warning: '<path d="M12 3l10 18H2z"/><path d="M12 10v4.5M12 17.8h.01"/>',
} as const;

export type IconName = keyof typeof PATHS;

/**
 * An icon as inline SVG markup.
 *
 * @example
 * html`<span>${icon('check', 'icon-small')} 通过 PASS</span>`;
 */
export function icon(name: IconName, className: string): SafeHtml {
  return trusted(
    `<svg class="${className}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" ` +
      `fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">` +
      `${PATHS[name]}</svg>`,
  );
}

export const VERDICT_ICONS: Readonly<Record<Verdict, IconName>> = {
  valid: 'check',
  invalid: 'cross',
  revoked: 'ban',
  cancelled: 'ban',
  suspended: 'pause',
  expired: 'clock',
  'cannot-confirm': 'question',
};

export const OUTCOME_ICONS: Readonly<Record<CheckOutcome, IconName>> = {
  pass: 'check',
  fail: 'cross',
  unavailable: 'question',
  skipped: 'dash',
};
