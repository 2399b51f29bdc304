import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'packaging',
    include: ['src/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    // Packing and installing run once, in beforeAll: a few seconds when pnpm's store has a
    // better-sqlite3 built for this Node, a compile of it (a minute or more) when it has none.
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
