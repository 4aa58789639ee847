// Shared set-up for the ledger tests: the paper's topology (15 agents, 3 microgrids of 5, one
// operator per microgrid) and a driver that submits the paper's load.
import { Kernel, Streams } from "../../sim/kernel/index.js";
import {
  ContractRules,
  EthereumLedger,
  IotaLedger,
  type DeepPartial,
  type EthereumConfig,
  type FaultSchedule,
  type IotaConfig,
  type Ledger,
  type TxCallback,
  type TxLogKeep,
  type TxRequest,
} from "../../sim/ledger/index.js";

export const AGENTS = 15;
export const CHAINS = 3;
export const OPERATOR_BASE = AGENTS;
export const PERIOD_MS = 1_800_000;

export function paperRules(): ContractRules {
  const memberOf = Int32Array.from({ length: AGENTS }, (_, i) => Math.floor(i / 5));
  const operatorOf = Int32Array.from({ length: CHAINS }, (_, c) => OPERATOR_BASE + c);
  return new ContractRules({ memberOf, chains: CHAINS, pgs: 3.2, pgb: 18.9, operatorOf });
}

export interface Setup<L extends Ledger> {
  kernel: Kernel;
  ledger: L;
  rules: ContractRules;
}

export function iotaSetup(
  config?: DeepPartial<IotaConfig>,
  faults?: FaultSchedule,
  seed = 1,
  keepLog: TxLogKeep = "all",
): Setup<IotaLedger> {
  const kernel = new Kernel();
  const rules = paperRules();
  const ledger = new IotaLedger({ kernel, streams: new Streams(seed), rules, config, faults, keepLog });
  return { kernel, ledger, rules };
}

export function ethereumSetup(
  config?: DeepPartial<EthereumConfig>,
  faults?: FaultSchedule,
  seed = 1,
  keepLog: TxLogKeep = "all",
): Setup<EthereumLedger> {
  const kernel = new Kernel();
  const rules = paperRules();
  const ledger = new EthereumLedger({ kernel, streams: new Streams(seed), rules, config, faults, keepLog });
  return { kernel, ledger, rules };
}

/** Submits `tx` at time `at` (ms) with the given callback. */
export function submitAt(s: Setup<Ledger>, at: number, tx: TxRequest, onDone?: TxCallback): void {
  const copy = { ...tx };
  s.kernel.schedule(at, () => {
    s.ledger.submit(copy, onDone);
  });
}

/**
 * The paper's load for `periods` 30-minute periods: each agent places an order at the period start
 * and updates it `updates` times two minutes apart; each operator clears at minute 20.
 */
export function paperLoad(s: Setup<Ledger>, periods: number, updates = 3, onDone?: TxCallback): void {
  const nonce = new Float64Array(AGENTS + CHAINS);
  const req: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 0, price: 10, quantityWh: 500 };
  for (let p = 0; p < periods; p++) {
    const start = p * PERIOD_MS;
    for (let u = 0; u <= updates; u++) {
      s.kernel.schedule(start + u * 120_000, () => {
        for (let a = 0; a < AGENTS; a++) {
          req.chain = Math.floor(a / 5);
          req.sender = a;
          req.kind = u === 0 ? (a % 2 === 0 ? "bid" : "ask") : "update";
          req.price = 8 + u;
          req.nonce = ++nonce[a]!;
          req.deadlineMs = start + 20 * 60_000;
          s.ledger.submit(req, onDone);
        }
      });
    }
    s.kernel.schedule(start + 20 * 60_000, () => {
      for (let c = 0; c < CHAINS; c++) {
        s.ledger.submit(
          { chain: c, sender: OPERATOR_BASE + c, kind: "clear", nonce: ++nonce[AGENTS + c]!, orders: 5 },
          onDone,
        );
      }
    });
  }
}

/** Mean and coefficient of variation of a sample. */
export function meanCv(xs: ArrayLike<number>): { mean: number; cv: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, cv: Math.sqrt(v / (xs.length - 1)) / mean };
}
