import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bedrock-emulator',
    include: ['src/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
  },
});
