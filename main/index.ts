/**
 * Electron main entry (electron-vite builds it to out/main/index.js). Everything lives in
 * app-lifecycle.ts so that it can be tested with `electron` mocked.
 */
import { startApp } from './app-lifecycle'

void startApp()
