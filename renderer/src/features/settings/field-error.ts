import { useI18n } from 'vue-i18n'
import { storeToRefs } from 'pinia'
import { LOGO_MAX_KB } from '../../../../preload/contract/settings-limits'
import { useSettingsStore, type FieldIssue, type SettingsField } from '../../stores/settings'

const DIGIT_FIELDS: readonly string[] = ['merchantNo', 'storeNo', 'storeAdminNo']
const CUSTOM_FIELDS: readonly string[] = ['storeAddress', 'storeLogo', 'pockytCustomUrl', 'taxRates']

/** The i18n key and parameters for a field's problem, from the kind main reported. */
export function issueMessage(field: string, issue: FieldIssue): { key: string; params: Record<string, unknown> } {
  const p = { min: issue.min, max: issue.max, kb: LOGO_MAX_KB }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { key: issue.min === 1 ? 'required' : 'tooShort', params: p }
      return { key: 'tooLow', params: p }
    case 'too_big':
      return {
        key: issue.origin === 'string' ? 'tooLong' : issue.origin === 'array' ? 'tooMany' : 'tooHigh',
        params: p
      }
    case 'not_integer':
      return { key: 'notInteger', params: p }
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'choose', params: p }
    case 'invalid_format':
      return { key: DIGIT_FIELDS.includes(field) ? 'digits' : 'format', params: p }
    case 'missing-file':
      return { key: 'missingFile', params: p }
    case 'custom':
      return { key: CUSTOM_FIELDS.includes(field) ? `custom.${field}` : 'invalid', params: p }
    default:
      return { key: 'invalid', params: p }
  }
}

/**
 * A field's validation message in the cashier's language: main's own (English) sentence in English,
 * the same problem said from its kind in other languages.
 */
export function useFieldError() {
  const { t, locale } = useI18n()
  const { fieldErrors, fieldIssues } = storeToRefs(useSettingsStore())
  return (field: SettingsField): string | undefined => {
    const english = fieldErrors.value[field]
    if (!english) return undefined
    const issue = fieldIssues.value[field]
    if (locale.value === 'en' || !issue) return english
    const { key, params } = issueMessage(field, issue)
    const row = issue.row ? t('settings.errors.row', { row: issue.row }) : ''
    return row + t(`settings.errors.${key}`, params)
  }
}
