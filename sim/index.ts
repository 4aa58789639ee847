// The public surface of p2p-energy-sim: build and run a model, name or register the plugins it is
// built from (bidders, mechanisms, ledgers), study the market alone, and bring your own data.
// Internals are reachable in the repository, not through the package: what is here is what the
// package promises to keep.

// A model: the composition root and the paper's defaults.
export {
  createModel,
  OptionError,
  type Model,
  type ModelOptions,
  type ModelTables,
  type PeriodListener,
} from "./model.js";
export { PAPER, paperPreset, type TradingOptions } from "./presets.js";

// The seams: registries of plugins by name, and what a plugin implements.
export { Registry, UnknownPluginError, DuplicatePluginError, type Named } from "./kernel/registry.js";
export {
  bidders,
  mechanisms,
  aaPlugin,
  submitPrice,
  type Bidder,
  type BidderPlugin,
  type BidderSetup,
  type MemberStreams,
  type MemberView,
  type RoundSignal,
  type Learner,
  type Mechanism,
  type MechanismPlugin,
  type MechanismResult,
  type MechanismSetup,
  type OrderBook,
  type ClearingResult,
  // For mechanism authors: books, the uniform clearing and eq. (1).
  createBook,
  addOrder,
  resetBook,
  createClearingWorkspace,
  clearAtPrice,
  fallbackPrice,
  type ClearingWorkspace,
} from "./market/index.js";
export {
  ledgers,
  registerLedger,
  unregisterLedger,
  ledgerPlugin,
  ledgerNames,
  UnknownLedgerError,
  DuplicateLedgerError,
  // For ledger authors: the transaction log, its codes, the contract rules and the stats fold.
  TxLog,
  TxStatus,
  KIND,
  Reason,
  contractRules,
  kindCode,
  sideCode,
  ledgerStats,
  type ContractRules,
  type FaultSchedule,
  type Ledger,
  type LedgerContext,
  type LedgerPlugin,
  type LedgerStats,
  type TxCallback,
  type TxKind,
  type TxLogKeep,
  type TxRequest,
} from "./ledger/index.js";
// Home batteries and EVs (docs/storage.md): their parameters, the fleet's state and the policy seam.
export {
  BATTERY_DEFAULTS,
  EV_DEFAULTS,
  SESSION_DEFAULTS,
  DeviceFleet,
  devicePolicies,
  marketAwarePolicy,
  selfConsumptionPolicy,
  parseSessionsCsv,
  type BatterySpec,
  type DeviceOptions,
  type DevicePolicy,
  type DevicePolicyContext,
  type DevicePolicyPlugin,
  type DevicePolicySetup,
  type EvSession,
  type EvSpec,
  type MicrogridDevices,
  type SyntheticSessions,
} from "./devices/index.js";
export {
  interMicrogridProcesses,
  noLevel2Trade,
  type InterMicrogridClearer,
  type InterMicrogridContext,
  type InterMicrogridProcess,
  type Level2Clearing,
  type Level2Outcome,
  type Level2Positions,
} from "./grid/index.js";

// The market alone: one auction, its drivers, and the measures trader studies report.
export {
  Auction,
  openMarket,
  nextRound,
  runConsensus,
  clearUniform,
  competitiveEquilibrium,
  allocativeEfficiency,
  smithAlpha,
  marketConfig,
  memberStreams,
  BUY,
  SELL,
  NO_ORDER,
  DEFAULT_LIMITS,
  DEFAULT_MARKET_CONFIG,
  type AuctionOutcome,
  type ConsensusOptions,
  type ConsensusOutcome,
  type MarketAgents,
  type MarketConfig,
  type MarketConfigInput,
  type MarketLimits,
  type Side,
} from "./market/index.js";

// Profiles: the generator and measured data.
export {
  generateProfile,
  makeProfileConfig,
  paperMicrogrids,
  uniformMicrogrids,
  loadProfileCsv,
  parseHouseholds,
  ProfileError,
  shiftProfile,
  type MicrogridSpec,
  type Profile,
  type ProfileConfigInput,
  type ProfileShift,
  type ShiftSeries,
} from "./data/index.js";

// What a period reports, the scenarios, and the random streams plugins draw from.
export { PAPER_SCENARIOS, type PeriodOutcome, type Scenario } from "./grid/index.js";
export { Kernel, Streams, type RandomStream } from "./kernel/index.js";
