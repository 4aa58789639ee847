// The devices of a config as the model takes them: per microgrid, the battery and EV parameters
// (the config's, with each microgrid's overrides), and EV sessions read from a CSV when asked.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ProfileError, type Profile } from "../../sim/data/index.js";
import {
  BATTERY_DEFAULTS,
  checkBattery,
  checkEv,
  DeviceSpecError,
  EV_DEFAULTS,
  parseSessionsCsv,
  type DeviceOptions,
  type EvSession,
  type MicrogridDevices,
} from "../../sim/devices/index.js";
import { InputError } from "../cli/errors.js";
import type { RunConfig } from "../config/schema.js";

/** The EV sessions of the config's CSV (undefined: synthetic, or no EVs). */
export function readSessions(config: RunConfig, baseDir: string, profile: Profile): EvSession[] | undefined {
  const sessions = config.devices?.ev?.sessions;
  if (sessions?.source !== "csv") return undefined;
  const file = resolve(baseDir, sessions.file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new InputError(`devices.ev.sessions.file: cannot read ${file}`);
  }
  try {
    return parseSessionsCsv(text, file, profile);
  } catch (error) {
    if (error instanceof ProfileError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * The model's device options under `policy` (the config's own by default); undefined when the
 * config has no devices. Throws an InputError naming a bad override.
 */
export function deviceOptionsOf(
  config: RunConfig,
  profile: Profile,
  sessions: readonly EvSession[] | undefined,
  policy?: string,
): DeviceOptions | undefined {
  const d = config.devices;
  if (d === undefined) return undefined;
  for (const name of Object.keys(d.microgrids))
    if (!profile.microgrids.includes(name))
      throw new InputError(
        `devices.microgrids.${name}: unknown microgrid (known: ${profile.microgrids.join(", ")})`,
      );
  const { sessions: sessionSource, ...evBase } = d.ev ?? { ...EV_DEFAULTS, sessions: undefined };
  const microgrids: Record<string, MicrogridDevices> = {};
  try {
    for (const mg of profile.microgrids) {
      const own = d.microgrids[mg];
      const devices: MicrogridDevices = {};
      if (d.battery !== undefined || own?.battery !== undefined) {
        const battery = { ...(d.battery ?? batteryOrDefaults()), ...definedOnly(own?.battery) };
        checkBattery(battery, `devices.microgrids.${mg}.battery`);
        devices.battery = battery;
      }
      if (d.ev !== undefined || own?.ev !== undefined) {
        const ev = { ...evBase, ...definedOnly(own?.ev) };
        checkEv(ev, `devices.microgrids.${mg}.ev`);
        devices.ev = ev;
      }
      microgrids[mg] = devices;
    }
  } catch (error) {
    if (error instanceof DeviceSpecError) throw new InputError(error.message);
    throw error;
  }
  return {
    policy: policy ?? d.policy,
    microgrids,
    ...(sessionSource?.source === "synthetic" ? { synthetic: sessionSource } : {}),
    ...(sessions === undefined ? {} : { sessions }),
  };
}

/** A microgrid's own battery without a config-wide one starts from the defaults. */
function batteryOrDefaults() {
  return { ...BATTERY_DEFAULTS };
}

/** The fields of `o` that are given (an override leaves the rest as they are). */
function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  if (o === undefined) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
