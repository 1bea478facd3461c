import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name; point those names at the TypeScript sources so
// unit tests need no build. (Integration tests start the services from their built output.)
const root = fileURLToPath(new URL('.', import.meta.url));
const alias = Object.fromEntries(
  readdirSync(`${root}packages`).map((name) => [
    `@callpulse/${name}`,
    `${root}packages/${name}/src/index.ts`,
  ]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    // Integration tests share one broker and database server; one file at a time.
    fileParallelism: false,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Property tests run thousands of fixed cases (over HTTP for ingest's fuzzing);
          // a loaded 2-core CI machine can be several times slower than a laptop, so the
          // budget is far above what they need: they end by case count, never by time.
          testTimeout: 120_000,
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'test/**/*.unit.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: [
            'test/**/*.test.ts',
            'packages/*/src/**/*.integration.test.ts',
            'services/*/src/**/*.integration.test.ts',
          ],
          exclude: ['**/*.unit.test.ts', '**/node_modules/**', '**/dist/**'],
          globalSetup: ['test/setup/global.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
