/// <reference types="vite/client" />
import type { PosBridge } from '../preload/contract'

declare global {
  interface Window {
    /** Set by the preload inside Electron; absent in the browser harness. */
    pos?: PosBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
