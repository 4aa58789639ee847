export {
  benefitOf,
  consumerBenefitPct,
  emptyTotals,
  producerBenefitPct,
  type Benefit,
  type Totals,
} from "./benefit.js";
export { RunRecorder, type AgentTotals, type PeriodRows, type TradeRows } from "./records.js";
export { createSettlement, settlePeriod, type AgentSettlement } from "./settlement.js";
