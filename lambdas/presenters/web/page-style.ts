/**
 * The verification page's only stylesheet, inlined, and its CSP hash. The stylesheet is a constant so its SHA-256
 * can be computed once at module load and sent as `style-src 'sha256-…'`: no `'unsafe-inline'`, and no per-request
 * nonce to thread through caches or handlers.
 *
 * Colours: every text/background pair in {@link PALETTE} meets WCAG AA (≥ 4.5:1); a unit test checks it. Colour only
 * repeats what the words and icons say.
 */
import { createHash } from 'node:crypto';

/** Tones of the verdict banner and check rows: foreground, background, border. */
export const PALETTE = {
  text: { fg: '#1a1c1f', bg: '#ffffff' },
  muted: { fg: '#4a4f57', bg: '#ffffff' },
  header: { fg: '#ffffff', bg: '#0b3a75' },
  good: { fg: '#0b5a2a', bg: '#e6f4ea', border: '#1e7b3c' },
  bad: { fg: '#8f1118', bg: '#fdecec', border: '#b3261e' },
  warn: { fg: '#6b3700', bg: '#fff3e0', border: '#b35c00' },
  unknown: { fg: '#2f3a4a', bg: '#eceff3', border: '#5b6b80' },
} as const;

const p = PALETTE;

/**
 * The stylesheet, byte for byte as emitted inside `<style>`.
 *
 * @example
 * `<style>${PAGE_STYLE}</style>`
 */
export const PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f4f5f7;color:${p.text.fg};font:16px/1.6 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","Droid Sans Fallback",sans-serif;overflow-wrap:anywhere}
[lang=en]{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.site{background:${p.header.bg};color:${p.header.fg};border-top:4px solid #c8102e}
.site-inner,main,.foot{max-width:44rem;margin:0 auto;padding:0 1rem}
.site-inner{padding-top:.75rem;padding-bottom:.75rem}
.site-authority{margin:0;font-weight:700;font-size:1.05rem;line-height:1.4}
.site-authority span{display:block;font-weight:400;font-size:.8rem;opacity:.92}
h1{font-size:1.25rem;line-height:1.35;margin:1.25rem 0 1rem}
h1 span,h2 span,h3 span{display:block;font-size:.8em;font-weight:400;color:${p.muted.fg}}
h2{font-size:1.1rem;line-height:1.35;margin:0 0 .75rem}
h3{font-size:1rem;line-height:1.35;margin:0}
p{margin:0 0 .5rem}
.en{color:${p.muted.fg};font-size:.92rem}
.card{background:#fff;border:1px solid #d5d9df;border-radius:8px;padding:1rem;margin:0 0 1rem}
.verdict{border:3px solid;border-radius:10px;padding:1rem;margin:0 0 1rem}
.verdict-head{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem;margin:0 0 .75rem}
.verdict-icon{flex:none;width:3.25rem;height:3.25rem}
.verdict h2{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:.5em;font-size:2rem;line-height:1.15;margin:0;font-weight:800;letter-spacing:.02em;overflow-wrap:break-word;word-break:keep-all}
.verdict h2 span{display:inline;color:inherit;font-size:.6em;font-weight:700;letter-spacing:.06em}
.holder{font-weight:600}
.verdict p{color:inherit}
.verdict .en{color:inherit;opacity:.95}
.check-hint{margin:.75rem 0 0;font-size:.9rem;color:${p.muted.fg}}
.published{margin-top:.75rem;padding-top:.6rem;border-top:1px solid currentColor}
.published h3{font-size:1rem;margin:0 0 .25rem}
.published h3 span{display:inline;color:inherit;margin-left:.3em}
.tone-good{color:${p.good.fg};background:${p.good.bg};border-color:${p.good.border}}
.tone-bad{color:${p.bad.fg};background:${p.bad.bg};border-color:${p.bad.border}}
.tone-warn{color:${p.warn.fg};background:${p.warn.bg};border-color:${p.warn.border}}
.tone-unknown{color:${p.unknown.fg};background:${p.unknown.bg};border-color:${p.unknown.border}}
.notice{display:flex;gap:.75rem;border:2px solid;border-radius:8px;padding:.8rem 1rem;margin:0 0 1rem}
.notice-icon{flex:none;width:1.75rem;height:1.75rem}
dl{margin:0}
.fields div{padding:.55rem 0;border-top:1px solid #e3e6ea}
.fields div:first-child{border-top:0;padding-top:0}
dt{font-size:.85rem;color:${p.muted.fg}}
dd{margin:0;font-weight:600}
dd ul{margin:0;padding-left:1.1rem}
dd .en{font-weight:400}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-weight:600;letter-spacing:.02em}
.checks{list-style:none;margin:0;padding:0;counter-reset:check}
.check{display:flex;gap:.75rem;padding:.75rem 0;border-top:1px solid #e3e6ea}
.check:first-child{border-top:0;padding-top:0}
.check-icon{flex:none;width:1.75rem;height:1.75rem;margin-top:.1rem}
.check-body{min-width:0;flex:1}
.check-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem;margin-bottom:.25rem}
.outcome{font-weight:700;font-size:.9rem;overflow-wrap:anywhere}
.check-pass .check-icon,.check-pass .outcome{color:${p.good.fg}}
.check-fail .check-icon,.check-fail .outcome{color:${p.bad.fg}}
.check-unavailable .check-icon,.check-unavailable .outcome{color:${p.warn.fg}}
.check-skipped .check-icon,.check-skipped .outcome{color:${p.muted.fg}}
.check .warn-text{color:${p.warn.fg};font-weight:600}
.again{display:flex;align-items:center;justify-content:center;min-height:48px;padding:.6rem 1rem;margin:0 0 1rem;border-radius:8px;background:${p.header.bg};color:#fff;font-weight:700;text-decoration:none;text-align:center}
.again:focus-visible,a:focus-visible{outline:3px solid #c8102e;outline-offset:2px}
.again span{font-weight:400;margin-left:.4em}
code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f0f2f5;padding:.1rem .3rem;border-radius:4px;overflow-wrap:anywhere;word-break:break-all}
.foot{padding-bottom:2rem;font-size:.85rem;color:${p.muted.fg}}
.foot p{margin:0 0 .4rem}
@media (min-width:40rem){
body{font-size:17px}
h1{font-size:1.5rem;margin-top:1.75rem}
.fields div{display:grid;grid-template-columns:12rem 1fr;gap:1rem}
.verdict{padding:1.25rem 1.5rem}
.verdict-icon{width:4rem;height:4rem}
.verdict h2{font-size:2.4rem}
}
@media print{.again{display:none}body{background:#fff}}
`;

/**
 * The CSP source for {@link PAGE_STYLE}: `'sha256-<base64>'`.
 *
 * @example
 * `style-src ${PAGE_STYLE_HASH}`
 */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}'`;
