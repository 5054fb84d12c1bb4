/**
 * Test page for the scan panel (e2e) and the scan benchmark (`?bench=ours|defaults`). Not linked from the
 * app; the sale screen is where cashiers meet the panel.
 */
import { createApp } from 'vue'
import ScanLab from './features/scan/ScanLab.vue'
import { runScanBench } from './features/scan/bench-page'
import { createPosI18n, pickLocale } from './i18n'
import './styles/base.css'

const bench = new URLSearchParams(location.search).get('bench')
if (bench === 'ours' || bench === 'defaults') void runScanBench(bench, document.getElementById('app')!)
else
  createApp(ScanLab)
    .use(createPosI18n(pickLocale(navigator.language)))
    .mount('#app')
