import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import prettier from 'eslint-config-prettier'

/** The two layering rules from architecture.md, as lint errors. */
const noElectronInCore = {
  files: ['main/core/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'electron',
            message: 'main/core is plain TypeScript: keep electron in the glue (main/*.ts, main/ipc).'
          }
        ]
      }
    ]
  }
}
const ipcOnlyInTransports = {
  files: ['**/*.{ts,mts,vue}'],
  ignores: ['main/ipc/**', 'preload/**', 'tests/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'electron',
            importNames: ['ipcMain', 'ipcRenderer'],
            message: 'Only main/ipc/ and preload/ may touch ipcMain/ipcRenderer: go through the contract.'
          }
        ]
      }
    ]
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['main/**', 'preload/**', 'tests/**', 'e2e/**', 'bench/**', 'scripts/**', '*.{js,mjs,ts,mts}'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'error'
    }
  },
  ipcOnlyInTransports,
  noElectronInCore,
  prettier
)
