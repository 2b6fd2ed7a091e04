import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the verification page in Debian's headless Chromium, driven by playwright-core. Separate from the
 * main config because they need `/usr/bin/chromium` (`.ci/run` installs it) and take seconds, not milliseconds.
 * One file at a time: each file starts its own Chromium, and two of them on a 2-core machine only slow both down.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
