// Turns the measured transactions into the committed ledger figures (sim/ledger/ethereum-gas.json)
// and the per-transaction Arrow table (results/gas/gas.arrow). Key order of the JSON is fixed by the
// object literals below, so the file is byte-stable between runs.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tableFromArrays, type Table } from "apache-arrow";
import type { CompiledContract } from "./compile.js";
import {
  BOOK_SIZES,
  GAS_SEED,
  PERIODS,
  PERIOD_AGENTS,
  UPDATES,
  summarise,
  type GasRow,
  type GasSummary,
} from "./protocol.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const LEDGER_JSON_PATH = join(ROOT, "sim", "ledger", "ethereum-gas.json");
export const ARROW_PATH = join(ROOT, "results", "gas", "gas.arrow");

export const EVM_PACKAGE = "@ethereumjs/vm";
export const EVM_PACKAGE_VERSION = "10.1.3";
/** Prices of the paper's period: average gas price Sep 2022 (~17 gwei) and Oct 2022 (~22 gwei), ETH ~ $1,300. */
export const ETH_USD = 1300;
export const GAS_PRICES_GWEI = [17, 22] as const;

function installedVmVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", EVM_PACKAGE, "package.json"), "utf8")) as {
    version: string;
  };
  if (pkg.version !== EVM_PACKAGE_VERSION) {
    throw new Error(
      `${EVM_PACKAGE} ${pkg.version} is installed, but the figures are pinned to ${EVM_PACKAGE_VERSION}`,
    );
  }
  return pkg.version;
}

/** USD for `gas` at `gwei` and ETH_USD: gas * gwei * 1e-9 ETH * USD/ETH, rounded to 0.0001 USD. */
export function usd(gas: number, gwei: number): number {
  return Math.round(gas * gwei * 1e-9 * ETH_USD * 1e4) / 1e4;
}

export interface LedgerGasFile {
  description: string;
  contract: string;
  compiler: { solc: string; optimizer: { enabled: boolean; runs: number }; evmVersion: string };
  evm: { package: string; version: string; hardfork: string };
  units: { gas: string; price: string; quantity: string; mcp: string };
  protocol: {
    seed: number;
    periodAgents: number;
    periods: number;
    updatesPerPeriod: number;
    bookSizes: number[];
  };
  gas: GasSummary;
  usdPerBid: {
    gwei: number;
    ethUsd: number;
    placeBidFirst: number;
    placeBidLater: number;
    updateBid: number;
    meanGasPerBid: number;
    meanGasPerBidWithClear: number;
  }[];
}

export function ledgerFile(rows: readonly GasRow[], compiled: CompiledContract): LedgerGasFile {
  const gas = summarise(rows, compiled);
  return {
    description:
      "Gas of contracts/UniformDoubleAuction.sol, measured by experiments/gas/measure.ts (make gas). Generated: do not edit.",
    contract: compiled.name,
    compiler: {
      solc: compiled.compiler,
      optimizer: { ...compiled.optimizer },
      evmVersion: compiled.evmVersion,
    },
    evm: { package: EVM_PACKAGE, version: installedVmVersion(), hardfork: compiled.evmVersion },
    units: {
      gas: "gas per transaction, including the 21000 intrinsic gas and calldata, net of refunds",
      price: "ticks of 1e-4 p/kWh",
      quantity: "Wh",
      mcp: "half-ticks (priceLow + priceHigh)",
    },
    protocol: {
      seed: GAS_SEED,
      periodAgents: PERIOD_AGENTS,
      periods: PERIODS,
      updatesPerPeriod: UPDATES,
      bookSizes: [...BOOK_SIZES],
    },
    gas,
    usdPerBid: GAS_PRICES_GWEI.map((gwei) => ({
      gwei,
      ethUsd: ETH_USD,
      placeBidFirst: usd(gas.placeBidFirst, gwei),
      placeBidLater: usd(gas.placeBidLater, gwei),
      updateBid: usd(gas.updateBid, gwei),
      meanGasPerBid: usd(gas.meanGasPerBid, gwei),
      meanGasPerBidWithClear: usd(gas.meanGasPerBidWithClear, gwei),
    })),
  };
}

export function ledgerJson(file: LedgerGasFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** One row per transaction. */
export function gasTable(rows: readonly GasRow[]): Table {
  const num = (f: (r: GasRow) => number): Float64Array => Float64Array.from(rows, f);
  const int = (f: (r: GasRow) => number): Int32Array => Int32Array.from(rows, f);
  return tableFromArrays({
    scenario: rows.map((r) => r.scenario),
    operation: rows.map((r) => r.operation),
    round: int((r) => r.round),
    agent: int((r) => r.agent),
    orders: int((r) => r.orders),
    gas_used: num((r) => r.gasUsed),
    execution_gas: num((r) => r.executionGas),
    refund: num((r) => r.refund),
    calldata_bytes: int((r) => r.calldataBytes),
  });
}
