export {
  BATTERY_DEFAULTS,
  checkBattery,
  checkEv,
  checkSessions,
  DeviceSpecError,
  EV_DEFAULTS,
  SESSION_DEFAULTS,
  type BatterySpec,
  type DeviceOptions,
  type EvSession,
  type EvSpec,
  type MicrogridDevices,
  type SyntheticSessions,
} from "./spec.js";
export { DeviceFleet, whPerPeriod, type FleetParts } from "./fleet.js";
export {
  devicePolicies,
  type DevicePolicy,
  type DevicePolicyContext,
  type DevicePolicyPlugin,
  type DevicePolicySetup,
} from "./policy.js";
export { marketAwarePolicy, selfConsumptionPolicy } from "./policies.js";
export { drawSessions, parseSessionsCsv, SESSION_COLUMNS, syntheticSessions } from "./sessions.js";
export { buildFleet } from "./build.js";
