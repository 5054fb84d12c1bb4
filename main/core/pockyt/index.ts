/**
 * Pockyt, as the rest of the app uses it: the client for live calls, the Training mode client, wallet
 * detection, and the shared types. The simulator server (`simulator/server.ts`) is imported directly
 * by the few places that need a port (tests, benchmark, CLI).
 */
export * from './types'
export { createPockytClient, normaliseSettings, redactParams, POCKYT_PATHS, DEFAULT_TIMEOUTS_MS } from './client'
export type { CallName, FetchLike, PockytLog, PockytClientDeps, PockytClientSettings } from './client'
export { createTrainingClient } from './training'
export type { TrainingClient, TrainingOptions } from './training'
export { detectWallet, maskCode, WALLET_RULES, NOT_A_WALLET_CODE, PAYMENT_CODE_LENGTH } from './vendor'
export type { WalletDetection, WalletRule, Confidence } from './vendor'
export { computeVerifySign, signParams, signingString, hasValidSign, omitEmpty, md5Hex } from './sign'
export { RET_SUCCESS, UNCERTAIN_RET_CODES, TRANSACTION_NO_PATTERN, normaliseStatus } from './wire'
export { SCENARIOS } from './simulator/scenarios'
export type { Scenario } from './simulator/scenarios'
