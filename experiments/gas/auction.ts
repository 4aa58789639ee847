// Typed access to a deployed UniformDoubleAuction: ABI-encoded calls as signed transactions (gas figures)
// or as unsigned message calls (fast correctness tests), with custom errors decoded by name.
// Units at this boundary: prices in ticks of 1e-4 p/kWh, quantities in Wh, MCP in half-ticks.
import type { Address } from "@ethereumjs/util";
import { concatBytes, decodeValues, encodeArgs, signature, type AbiEntry, type AbiValue } from "./abi.js";
import type { CompiledContract } from "./compile.js";
import type { Chain, Signer, TxOutcome } from "./evm.js";

/** The simulator's price tick, p/kWh. */
export const PRICE_TICK = 1e-4;
/** Default main-grid limits of the paper in ticks: Pgs = 3.2 p/kWh, Pgb = 18.9 p/kWh. */
export const DEFAULT_LIMIT_TICKS = { pgs: 32_000n, pgb: 189_000n } as const;

export interface DecodedError {
  name: string;
  args: AbiValue[];
}

export interface CallResult {
  ok: boolean;
  values: AbiValue[]; // decoded outputs when ok
  error?: DecodedError; // decoded custom error when !ok and the revert data names one
}

export type SentTx = TxOutcome & { error?: DecodedError };

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Selectors and coders of the contract's functions and custom errors. */
export class AuctionAbi {
  private constructor(
    private readonly functions: Map<string, { entry: AbiEntry; selector: Uint8Array }>,
    private readonly errors: Map<string, AbiEntry>, // by selector hex
    readonly constructorEntry: AbiEntry | undefined,
  ) {}

  static async create(chain: Chain, compiled: CompiledContract): Promise<AuctionAbi> {
    const functions = new Map<string, { entry: AbiEntry; selector: Uint8Array }>();
    const errors = new Map<string, AbiEntry>();
    for (const entry of compiled.abi) {
      if (entry.type === "function" && entry.name !== undefined) {
        const id = compiled.methodIdentifiers[signature(entry)];
        if (id === undefined) throw new Error(`solc gave no selector for ${signature(entry)}`);
        functions.set(entry.name, { entry, selector: Uint8Array.from(Buffer.from(id, "hex")) });
      } else if (entry.type === "error") {
        const hash = await chain.keccak256(new TextEncoder().encode(signature(entry)));
        errors.set(hex(hash.subarray(0, 4)), entry);
      }
    }
    return new AuctionAbi(
      functions,
      errors,
      compiled.abi.find((e) => e.type === "constructor"),
    );
  }

  private fn(name: string): { entry: AbiEntry; selector: Uint8Array } {
    const f = this.functions.get(name);
    if (f === undefined) throw new Error(`the contract has no function ${name}`);
    return f;
  }

  encodeCall(name: string, args: readonly AbiValue[]): Uint8Array {
    const f = this.fn(name);
    return concatBytes(f.selector, encodeArgs(f.entry.inputs ?? [], args));
  }

  decodeOutput(name: string, data: Uint8Array): AbiValue[] {
    return decodeValues(this.fn(name).entry.outputs ?? [], data);
  }

  decodeError(data: Uint8Array): DecodedError | undefined {
    if (data.length < 4) return undefined;
    const entry = this.errors.get(hex(data.subarray(0, 4)));
    if (entry === undefined) return undefined;
    return { name: entry.name ?? "", args: decodeValues(entry.inputs ?? [], data.subarray(4)) };
  }
}

export class Auction {
  private constructor(
    readonly chain: Chain,
    readonly abi: AuctionAbi,
    readonly address: Address,
    readonly operator: Signer,
  ) {}

  /** Deploys with `operator` as sender; returns the deployment's gas as well. */
  static async deploy(
    chain: Chain,
    compiled: CompiledContract,
    operator: Signer,
    limits: { pgs: bigint; pgb: bigint } = DEFAULT_LIMIT_TICKS,
  ): Promise<{ auction: Auction; deploy: TxOutcome }> {
    const abi = await AuctionAbi.create(chain, compiled);
    const args = encodeArgs(abi.constructorEntry?.inputs ?? [], [limits.pgs, limits.pgb]);
    const deploy = await chain.send(operator, undefined, concatBytes(compiled.bytecode, args));
    if (!deploy.ok || deploy.createdAddress === undefined) {
      throw new Error(`deployment failed: ${JSON.stringify(abi.decodeError(deploy.returnData))}`);
    }
    return { auction: new Auction(chain, abi, deploy.createdAddress, operator), deploy };
  }

  /** Sends a transaction calling `fn` (signed when `sign`; the gas is the same either way). */
  async send(from: Signer, fn: string, args: readonly AbiValue[], sign = false): Promise<SentTx> {
    const out = await this.chain.send(from, this.address, this.abi.encodeCall(fn, args), sign);
    if (out.ok) return out;
    const error = this.abi.decodeError(out.returnData);
    return error === undefined ? out : { ...out, error };
  }

  /** Executes `fn` as an unsigned message call from `caller` (state is kept on success). */
  async exec(caller: Address, fn: string, args: readonly AbiValue[]): Promise<CallResult> {
    const out = await this.chain.call(caller, this.address, this.abi.encodeCall(fn, args));
    if (out.ok) return { ok: true, values: this.abi.decodeOutput(fn, out.returnData) };
    const error = this.abi.decodeError(out.returnData);
    return error === undefined ? { ok: false, values: [] } : { ok: false, values: [], error };
  }

  /** Like exec, but throws when the call reverts. */
  async read(fn: string, args: readonly AbiValue[] = []): Promise<AbiValue[]> {
    const r = await this.exec(this.operator.address, fn, args);
    if (!r.ok) throw new Error(`${fn} reverted: ${JSON.stringify(r.error ?? "no data")}`);
    return r.values;
  }
}
