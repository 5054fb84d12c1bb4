import { createApp } from 'vue'
import { createPinia } from 'pinia'
import CashierApp from './CashierApp.vue'
import { createPosI18n, pickLocale } from './i18n'
import './styles/base.css'

createApp(CashierApp)
  .use(createPinia())
  .use(createPosI18n(pickLocale(navigator.language)))
  .mount('#app')
