import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    // End-to-end tests start several CLI processes each; generous for loaded CI machines.
    testTimeout: 60_000,
    // test/cli.e2e.test.ts runs its tests concurrently (each with its own emulator).
    maxConcurrency: 4,
  },
});
