// Checks the `iota` and `ethereum` overrides of a config against the models' default objects:
// an unknown key or a value of the wrong type is an error naming its path, instead of being
// silently ignored.
import {
  DEFAULT_ETHEREUM_CONFIG,
  DEFAULT_IOTA_CONFIG,
  ethereumConfig,
  iotaConfig,
  type DeepPartial,
  type EthereumConfig,
  type IotaConfig,
} from "../../sim/ledger/index.js";
import { InputError } from "../cli/errors.js";

function check(value: unknown, reference: unknown, path: string, source: string): void {
  if (reference !== null && typeof reference === "object" && !Array.isArray(reference)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new InputError(`${source}: field "${path}": expected an object`);
    }
    for (const [key, v] of Object.entries(value)) {
      if (!(key in reference)) {
        throw new InputError(
          `${source}: field "${path}.${key}": unknown (known: ${Object.keys(reference).join(", ")})`,
        );
      }
      check(v, (reference as Record<string, unknown>)[key], `${path}.${key}`, source);
    }
    return;
  }
  if (typeof value !== typeof reference) {
    throw new InputError(
      `${source}: field "${path}": expected a ${typeof reference}, got ${JSON.stringify(value)}`,
    );
  }
  // Every numeric ledger parameter is a physical quantity, a rate, a price or a count: finite, and
  // not negative where its default is not.
  if (typeof value === "number" && (!Number.isFinite(value) || (value < 0 && (reference as number) >= 0))) {
    throw new InputError(
      `${source}: field "${path}": expected a finite number >= 0, got ${JSON.stringify(value)}`,
    );
  }
}

/** Set by the run, not by the config: the chains are the microgrids. */
const DERIVED = ["chains"];

/** Throws an InputError for the first override that does not fit the ledger models' parameters. */
export function checkLedgerOverrides(config: { iota: unknown; ethereum: unknown }, source: string): void {
  for (const ledger of ["iota", "ethereum"] as const) {
    const given = config[ledger] as Record<string, unknown>;
    for (const key of DERIVED)
      if (given !== null && typeof given === "object" && key in given)
        throw new InputError(
          `${source}: field "${ledger}.${key}": set by the run (one chain per microgrid of the profile), not by the config`,
        );
  }
  check(config.iota, DEFAULT_IOTA_CONFIG, "iota", source);
  check(config.ethereum, DEFAULT_ETHEREUM_CONFIG, "ethereum", source);
  // The models check the values themselves (ranges, consistency).
  try {
    iotaConfig(config.iota as DeepPartial<IotaConfig>);
    ethereumConfig(config.ethereum as DeepPartial<EthereumConfig>);
  } catch (error) {
    throw new InputError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
