import { defineStore, acceptHMRUpdate } from 'pinia'
import { computed, ref } from 'vue'
import type { Out, PosErrorInfo, Result } from '../../../preload/contract'
import { bridge } from '../bridge'

export type SettingsView = Out<'settings:get'>
export type SettingsValue = SettingsView['settings']
export type SettingsField = keyof SettingsValue
export type FieldErrors = Partial<Record<SettingsField | 'patch', string>>
/** The kind of each field's problem (zod's issue code and bounds), for messages in other languages. */
export interface FieldIssue {
  code: string
  origin?: string
  min?: number
  max?: number
  row?: number
}
export type FieldIssues = Partial<Record<SettingsField | 'patch', FieldIssue>>
export type BackupEntry = Out<'backup:list'>[number]
export type ConnectionTest = Out<'settings:testConnection'>

/** Fields whose change sends the till back to training until the connection is tested again. */
export const CREDENTIAL_FIELDS: readonly SettingsField[] = [
  'pockytEnvironment',
  'pockytCustomUrl',
  'merchantNo',
  'storeNo',
  'storeAdminNo',
  'payPath'
]

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The per-field messages main attaches to a refused `settings:update`. */
function fieldsOf(error: PosErrorInfo): { fields: FieldErrors; issues: FieldIssues } | null {
  const details = error.details as { fields?: unknown; issues?: unknown } | undefined
  if (!details?.fields || typeof details.fields !== 'object') return null
  const issues = details.issues && typeof details.issues === 'object' ? (details.issues as FieldIssues) : {}
  return { fields: details.fields as FieldErrors, issues }
}

/**
 * The settings screen's state: main's view (`settings:get` / `settings:changed`), an editable draft,
 * and the messages of the last action. Main validates everything; the draft is only sent on Save, and a
 * refusal leaves both the saved settings and the draft as they were, with a message on each bad field.
 * The token is write-only: it is sent once with `setToken` and never kept here.
 */
export const useSettingsStore = defineStore('settings', () => {
  const view = ref<SettingsView | null>(null)
  const draft = ref<SettingsValue | null>(null)
  const fieldErrors = ref<FieldErrors>({})
  const fieldIssues = ref<FieldIssues>({})
  /** The last refused action (not a field problem), for an alert. */
  const error = ref<PosErrorInfo | null>(null)
  /** The last success, as an i18n key and its parameters. */
  const notice = ref<{ key: string; params?: Record<string, unknown> } | null>(null)
  /** Which action is running (buttons disable themselves). */
  const busy = ref<string | null>(null)
  const backups = ref<BackupEntry[]>([])
  /** The manager PIN typed on this screen, sent with protected actions; never stored elsewhere. */
  const managerPin = ref('')

  const dirtyFields = computed<SettingsField[]>(() => {
    if (!view.value || !draft.value) return []
    const saved = view.value.settings
    return (Object.keys(draft.value) as SettingsField[]).filter((k) => !same(draft.value![k], saved[k]))
  })
  const credentialsDirty = computed(() => dirtyFields.value.some((f) => CREDENTIAL_FIELDS.includes(f)))
  const pin = () => (view.value?.pinSet && managerPin.value ? managerPin.value : undefined)

  function show(next: SettingsView): void {
    const keepDraft = draft.value !== null && dirtyFields.value.length > 0
    view.value = next
    if (!keepDraft) draft.value = clone(next.settings)
  }

  /** Runs a call; on success `onOk`, else keeps the error (and field messages). */
  async function run<T>(name: string, call: () => Promise<Result<T>>, onOk: (value: T) => void): Promise<boolean> {
    busy.value = name
    error.value = null
    notice.value = null
    try {
      const result = await call()
      if (!result.ok) {
        const fields = fieldsOf(result.error)
        if (fields) {
          fieldErrors.value = fields.fields
          fieldIssues.value = fields.issues
        } else {
          error.value = result.error
        }
        return false
      }
      onOk(result.value)
      return true
    } catch {
      error.value = { code: 'INTERNAL', message: 'transport' }
      return false
    } finally {
      busy.value = null
    }
  }

  const load = () => run('load', () => bridge.invoke('settings:get'), show)

  function listen(): () => void {
    return bridge.on('settings:changed', (payload) => show(payload))
  }

  async function save(): Promise<boolean> {
    if (!draft.value || !view.value) return false
    const patch = Object.fromEntries(dirtyFields.value.map((k) => [k, draft.value![k]]))
    const ok = await run(
      'save',
      () => bridge.invoke('settings:update', { patch, pin: pin() }),
      (v) => {
        fieldErrors.value = {}
        fieldIssues.value = {}
        view.value = v
        draft.value = clone(v.settings)
        notice.value = { key: 'settings.saved' }
      }
    )
    return ok
  }

  function discard(): void {
    if (view.value) draft.value = clone(view.value.settings)
    fieldErrors.value = {}
    fieldIssues.value = {}
  }

  const setToken = (token: string | null) =>
    run(
      'token',
      () => bridge.invoke('settings:setToken', { token, pin: pin() }),
      (v) => {
        view.value = v
        notice.value = { key: token === null ? 'settings.token.cleared' : 'settings.token.saved' }
      }
    )

  const testConnection = () =>
    run(
      'test',
      () => bridge.invoke('settings:testConnection'),
      (test) => {
        if (view.value) view.value = { ...view.value, connection: test }
      }
    )

  const setMode = (mode: 'training' | 'live', confirm: boolean) =>
    run('mode', () => bridge.invoke('settings:setMode', { mode, confirm, pin: pin() }), show)

  const setPin = (newPin: string, currentPin?: string) =>
    run(
      'pin',
      () => bridge.invoke('settings:setPin', { newPin, currentPin: currentPin || undefined }),
      () => {
        if (view.value) view.value = { ...view.value, pinSet: true }
        managerPin.value = ''
        notice.value = { key: 'settings.pin.saved' }
      }
    )

  const loadBackups = () =>
    run(
      'backups',
      () => bridge.invoke('backup:list'),
      (list) => (backups.value = list)
    )

  const backupNow = () =>
    run(
      'backup',
      () => bridge.invoke('backup:now'),
      (entry) => {
        backups.value = [entry, ...backups.value.filter((b) => b.name !== entry.name)]
        notice.value = { key: 'settings.backup.done', params: { name: entry.name } }
      }
    )

  const restore = (name: string) =>
    run(
      'restore',
      () => bridge.invoke('backup:restore', { name, confirm: true, pin: managerPin.value }),
      (r) => {
        notice.value = { key: 'settings.backup.restored', params: { name: r.restored } }
        void loadBackups()
      }
    )

  const exportDiagnostics = () =>
    run(
      'diagnostics',
      () => bridge.invoke('diagnostics:export'),
      (r) => {
        notice.value = { key: 'settings.diagnostics.done', params: { path: r.path } }
      }
    )

  /** Opens the customer display window again (someone closed it); says when there is none to open. */
  const reopenDisplay = () =>
    run(
      'display',
      () => bridge.invoke('display:reopen'),
      (r) => {
        notice.value = { key: r.open ? 'settings.display.reopened' : 'settings.display.none' }
      }
    )

  return {
    view,
    draft,
    fieldErrors,
    fieldIssues,
    error,
    notice,
    busy,
    backups,
    managerPin,
    dirtyFields,
    credentialsDirty,
    load,
    listen,
    save,
    discard,
    setToken,
    testConnection,
    setMode,
    setPin,
    loadBackups,
    backupNow,
    restore,
    exportDiagnostics,
    reopenDisplay
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
