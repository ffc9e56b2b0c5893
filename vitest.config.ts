import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{schemas,runtime,designer,test}/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
})
