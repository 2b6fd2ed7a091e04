import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Offers the shared emulators (started only when an integration test first asks; see test/support/).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
