export {
  benefitOf,
  consumerBenefitPct,
  emptyTotals,
  producerBenefitPct,
  type Benefit,
  type Totals,
} from "./benefit.js";
export {
  RunRecorder,
  type AgentTotals,
  type DerivedTrades,
  type PeriodRows,
  type StoredTrades,
  type TradeRows,
} from "./records.js";
export {
  AGENTS,
  camelName,
  PERIODS,
  SIDE_NAMES,
  storedKinds,
  TABLES,
  TRADES,
  TRANSACTIONS,
  type ArrowType,
  type ColumnDef,
  type StoredColumns,
  type StoredKinds,
  type TableDef,
} from "./schema.js";
