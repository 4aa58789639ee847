export {
  benefitOf,
  consumerBenefitPct,
  emptyTotals,
  producerBenefitPct,
  type Benefit,
  type Totals,
} from "./benefit.js";
export {
  AVERAGINGS,
  BASES,
  benefitReadings,
  BENEFIT_KEYS,
  type Averaging,
  type Basis,
  type BenefitColumns,
  type BenefitInputs,
  type BenefitReadings,
  type ReadingTable,
} from "./benefit-readings.js";
export {
  RunRecorder,
  type AgentTotals,
  type DerivedTrades,
  type PeriodRows,
  type StoredTrades,
  type TradeRows,
} from "./records.js";
export { DeviceRecorder, type DeviceTotals, type StorageRows } from "./devices.js";
export {
  AGENTS,
  camelName,
  DEVICE_TABLES,
  DEVICES,
  PERIODS,
  SIDE_NAMES,
  storedKinds,
  STORAGE,
  TABLES,
  TRADES,
  TRANSACTIONS,
  type ArrowType,
  type ColumnDef,
  type StoredColumns,
  type StoredKinds,
  type TableDef,
} from "./schema.js";
