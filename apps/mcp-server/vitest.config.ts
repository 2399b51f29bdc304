import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mcp-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // In-process tests load the AWS SDK, which warns about Node 20 on every run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
