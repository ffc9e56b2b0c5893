import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{schemas,runtime,designer,test}/**/*.test.{ts,tsx}'],
    // generous: a safety net for a hung browser, never a speed check (machines here are shared and slow)
    testTimeout: 300_000,
    hookTimeout: 300_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
})
