export * from "./types.js";
export { TxLog, type TxLogColumns, type TxLogKeep } from "./tx-log.js";
export { TxQueues } from "./tx-queues.js";
export { CallbackTable } from "./callbacks.js";
export { ContractRules, ANY_SIDE, contractRules, type ContractRulesConfig } from "./rules.js";
export {
  DuplicateLedgerError,
  UnknownLedgerError,
  hasLedger,
  ledgers,
  ledgerModelNames,
  ledgerNames,
  ledgerPlugin,
  registerLedger,
  unregisterLedger,
  type LedgerContext,
  type LedgerPlugin,
} from "./registry.js";
export {
  ETHEREUM_LEDGER,
  ETHEREUM_POS_2026_LEDGER,
  ETHEREUM_POS_LEDGER,
  IDEAL_LEDGER,
  IOTA_LEDGER,
  OP_ROLLUP_LEDGER,
} from "./plugins.js";
export {
  ETHEREUM_POS_2026_PRESET,
  OP_ROLLUP_PRESET,
  presetConfig,
  type PresetOptions,
} from "./ledger-presets.js";
export {
  NO_FAULTS,
  faultImpacts,
  activeWindow,
  spikeAt,
  validateFaults,
  type EthDemandSpike,
  type Fault,
  type FaultSchedule,
  type L1LatencySpike,
  type SequencerDown,
  type WaspNodeDown,
} from "./faults.js";
export {
  ETHEREUM_ENERGY_WH,
  IOTA_ENERGY_WH,
  ethereumEnergyReading,
  iotaEnergyReading,
  iotaEnergyReadings,
  type EnergyFigure,
  type EthereumEra,
  type IotaEnergyReading,
} from "./energy.js";
export {
  nextBaseFee,
  gasTarget,
  gweiToWei,
  BASE_FEE_MAX_CHANGE_DENOMINATOR,
  ELASTICITY_MULTIPLIER,
} from "./eip1559.js";
export { PLACEHOLDER_GAS, clearGas, gasFor, gasScheduleFromJson, type GasSchedule } from "./gas.js";
export { MEASURED_GAS } from "./measured-gas.js";
export { deepFreeze, mergeConfig, type DeepPartial } from "./merge.js";
export {
  DEFAULT_IOTA_CONFIG,
  iotaConfig,
  waspFaultTolerance,
  waspQuorum,
  type IotaConfig,
} from "./iota-config.js";
export { adaptiveDifficulty, drawPowMs, expectedPowMs, IssueWindow, type PowParams } from "./iota-pow.js";
export { Layer1 } from "./iota-l1.js";
export { WaspBlockLog } from "./iota-blocks.js";
export { IotaLedger, type IotaLedgerOptions } from "./iota.js";
export {
  DEFAULT_ETHEREUM_CONFIG,
  ethereumConfig,
  l1DataFeeWei,
  type ConfirmationMode,
  type EthereumConfig,
} from "./ethereum-config.js";
export { BackgroundDemand, erfc, lognormalSurvival, type BackgroundParams } from "./ethereum-background.js";
export { FeeLanes, LaneHeap } from "./ethereum-backlog.js";
export { EthBlockLog } from "./ethereum-blocks.js";
export { EthereumLedger, type EthereumLedgerOptions, type EthereumWork } from "./ethereum.js";
export {
  executedOrders,
  latencySummary,
  ledgerStats,
  nearestRank,
  type LatencyScope,
  type LatencySummary,
} from "./stats.js";
export { LatencyHistogram } from "./latency-histogram.js";
export { IdTable, type IdWindow } from "./id-table.js";
export { kindCode, sideCode } from "./request.js";
export {
  scaleStudy,
  type ScaleStudyOptions,
  type ScaleStudyResult,
  type LedgerScaleFigures,
} from "./scale.js";
export { CARBON, settlementFootprint, type CarbonIntensity, type SettlementFootprint } from "./carbon.js";
export type { LedgerSources, LedgerVintage } from "./plugin.js";
