/**
 * The console's small script, served as `/console/assets/console.js?v=<hash>` (the CSP allows scripts from our own
 * origin only; nothing inline). Every form works without it; it only adds:
 * - `html.js` on the root, so styles may show what needs script;
 * - `data-confirm="…"` on a form: asks before submitting (destructive actions).
 *
 * No library: progressive enhancement here is a few lines, and every page must work with JavaScript off, so a
 * vendored framework (htmx) would add weight and a second way to submit each form without removing the first.
 *
 * @example
 * `<form method="post" data-confirm="确定撤回？">…</form>`
 */
export const CONSOLE_JS = `(function () {
  'use strict';
  document.documentElement.classList.add('js');
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
`;
