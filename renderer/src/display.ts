import { createApp } from 'vue'
import { createPinia } from 'pinia'
import DisplayApp from './DisplayApp.vue'
import { createPosI18n, pickLocale } from './i18n'
import './styles/base.css'

createApp(DisplayApp)
  .use(createPinia())
  .use(createPosI18n(pickLocale(navigator.language)))
  .mount('#app')
