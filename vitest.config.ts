import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure rules in shared, no database) and `server`
 * (integration tests through app.inject on a fresh database per test file;
 * TEST_DB=postgres runs them on a PostgreSQL server instead of PGlite).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/shared/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
