import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    pool: 'forks',
    // Quiet runs: the AWS SDK's Node 20 notice (SDK releases are pinned) and the handlers' JSON log lines are noise
    // here; tests that look at logs spy on the logger or set its level themselves (test/fuzz/log-capture.ts).
    env: { LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Offers the shared emulators (started only when an integration test first asks; see test/support/).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
