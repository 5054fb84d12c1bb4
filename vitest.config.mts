import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.mjs'],
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000
        }
      },
      {
        plugins: [vue()],
        test: { name: 'renderer', environment: 'happy-dom', include: ['renderer/**/*.test.ts'] }
      }
    ]
  }
})
