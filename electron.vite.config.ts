import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { CONTENT_SECURITY_POLICY } from './main/csp'

/** Puts the one CSP (main/csp.ts) into every page as a meta tag, so the built HTML carries it. */
function cspMeta(): Plugin {
  return {
    name: 'qrc-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend'
      }
    ]
  }
}

export default defineConfig({
  main: {
    build: { rolldownOptions: { input: { index: resolve(__dirname, 'main/index.ts') } } }
  },
  preload: {
    build: {
      // sandbox: true needs ONE self-contained CommonJS file with no npm imports.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'preload/index.ts') }, output: { format: 'cjs' } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          display: resolve(__dirname, 'renderer/display.html'),
          'scan-lab': resolve(__dirname, 'renderer/scan-lab.html')
        }
      }
    },
    plugins: [vue(), cspMeta()]
  }
})
