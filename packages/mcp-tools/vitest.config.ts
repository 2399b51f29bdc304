import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mcp-tools',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
