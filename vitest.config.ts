import { defineConfig } from 'vitest/config';

const ignored = ['**/node_modules/**', '**/dist/**', '**/.data/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,services,apps}/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts'],
          // property tests run thousands of cases: 5 s is too tight beside the integration files on 2 cores
          testTimeout: 20_000,
          // a stylesheet imported `?raw` is read as text (web-kit's status colour test); others stay empty
          css: { include: [/\.css\?raw$/] },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{packages,services,apps}/**/*.int.test.ts', 'test/system/**/*.test.ts'],
          exclude: ignored,
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'distributed',
          include: ['test/distributed/**/*.test.ts'],
          exclude: ignored,
          globalSetup: ['test/support/require-services.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          exclude: ignored,
          globalSetup: ['test/support/global-setup.ts', 'test/support/require-chromium.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
