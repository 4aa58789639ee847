// An in-memory Ethereum chain on @ethereumjs/vm 10.1.3 for a named hard fork (prague by default).
// EIP-1559 transactions go through runTx, which applies every gas rule (intrinsic 21,000 gas, calldata,
// EIP-2929 cold/warm access, SSTORE refunds capped at 1/5, the EIP-7623 calldata floor), so `gasUsed`
// is exactly what a sender pays. A transaction is either signed (secp256k1, ~3 ms to sign and recover
// in JS) or unsigned with its sender given: the signature is not part of any gas rule, so both give
// the same gas (a test checks it) and the measurements use the fast unsigned form.
// Plain message calls (evm.runCall) skip the transaction layer and its intrinsic charges: they serve
// views and the fast correctness tests, never gas figures.
import { Common, Mainnet, type Hardfork } from "@ethereumjs/common";
import { createFeeMarket1559Tx, type FeeMarket1559Tx } from "@ethereumjs/tx";
import { Address, createAccount, createAddressFromPrivateKey, hexToBytes } from "@ethereumjs/util";
import { createEVM } from "@ethereumjs/evm";
import { createVM, runTx, type VM } from "@ethereumjs/vm";

export const DEFAULT_HARDFORK = "prague";
const FUNDING_WEI = 10n ** 24n; // a million ether: never the binding constraint
const MAX_FEE_PER_GAS = 100n * 10n ** 9n; // wei; above any base fee of the default block
const PRIORITY_FEE_PER_GAS = 10n ** 9n;
const TX_GAS_LIMIT = 16_000_000n; // EIP-7825 (osaka) caps a transaction at 2^24 gas
const CALL_GAS_LIMIT = 1_000_000_000n;

export interface Signer {
  key: Uint8Array;
  address: Address;
}

export interface TxOutcome {
  ok: boolean;
  gasUsed: number; // total gas paid: intrinsic + execution - refund (or the calldata floor)
  executionGas: number;
  refund: number;
  returnData: Uint8Array; // return value, or the revert data when !ok
  createdAddress?: Address;
}

export interface CallOutcome {
  ok: boolean;
  returnData: Uint8Array;
}

/** Deterministic test key number `n` (n >= 1): a 32-byte big-endian scalar, far below the curve order. */
export function signerOf(n: number): Signer {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`signer number must be a positive integer: ${n}`);
  const key = hexToBytes(`0x${(0x5eed0000n + BigInt(n)).toString(16).padStart(64, "0")}`);
  return { key, address: createAddressFromPrivateKey(key) };
}

export class Chain {
  private readonly nonces = new Map<string, bigint>();

  private constructor(
    readonly vm: VM,
    readonly hardfork: string,
  ) {}

  static async create(hardfork: string = DEFAULT_HARDFORK): Promise<Chain> {
    const common = new Common({ chain: Mainnet, hardfork: hardfork as Hardfork });
    // The EVM's default SimpleStateManager keeps state in plain maps: the same gas as the Merkle-trie
    // manager createVM would pick (gas does not depend on the trie), several times faster.
    const evm = await createEVM({ common });
    const vm = await createVM({ common, evm, stateManager: evm.stateManager });
    return new Chain(vm, hardfork);
  }

  async fund(signers: readonly Signer[]): Promise<void> {
    for (const s of signers) {
      await this.vm.stateManager.putAccount(s.address, createAccount({ nonce: 0n, balance: FUNDING_WEI }));
      this.nonces.set(s.address.toString(), 0n);
    }
  }

  /**
   * Executes one transaction from `from` (signed when `sign`, else unsigned with the sender given);
   * `to` undefined deploys `data` as creation code.
   */
  async send(from: Signer, to: Address | undefined, data: Uint8Array, sign = false): Promise<TxOutcome> {
    const nonce = this.nonces.get(from.address.toString());
    if (nonce === undefined) throw new Error(`account ${from.address.toString()} was never funded`);
    const fields = {
      nonce,
      to,
      data,
      gasLimit: TX_GAS_LIMIT,
      maxFeePerGas: MAX_FEE_PER_GAS,
      maxPriorityFeePerGas: PRIORITY_FEE_PER_GAS,
    };
    const unsigned = createFeeMarket1559Tx(fields, { common: this.vm.common, freeze: false });
    let tx: FeeMarket1559Tx;
    if (sign) {
      tx = unsigned.sign(from.key);
    } else {
      // runTx asks the transaction for its sender and nothing else of the signature.
      unsigned.getSenderAddress = () => from.address;
      tx = unsigned;
    }
    const result = await runTx(this.vm, { tx });
    this.nonces.set(from.address.toString(), nonce + 1n);
    const exec = result.execResult;
    const outcome: TxOutcome = {
      ok: exec.exceptionError === undefined,
      gasUsed: Number(result.totalGasSpent),
      executionGas: Number(exec.executionGasUsed),
      refund: Number(result.gasRefund ?? 0n),
      returnData: exec.returnValue,
    };
    if (result.createdAddress !== undefined) outcome.createdAddress = result.createdAddress;
    return outcome;
  }

  /** Executes a message call without a transaction; state changes are kept when it succeeds. */
  async call(caller: Address, to: Address, data: Uint8Array): Promise<CallOutcome> {
    const result = await this.vm.evm.runCall({
      caller,
      to,
      data,
      gasLimit: CALL_GAS_LIMIT,
      skipBalance: true,
      skipNonceIncrement: true,
    });
    // As runTx does after each transaction: reset the EIP-2929 access sets and forget the values slots
    // had at the call's start, so the next transaction's SSTORE pricing starts from committed state.
    await this.vm.evm.journal.cleanup();
    this.vm.stateManager.originalStorageCache.clear();
    return { ok: result.execResult.exceptionError === undefined, returnData: result.execResult.returnValue };
  }

  /** keccak-256 computed by the EVM itself (KECCAK256 over the call data), to derive ABI selectors. */
  async keccak256(data: Uint8Array): Promise<Uint8Array> {
    // CALLDATASIZE 0 0 CALLDATACOPY; CALLDATASIZE 0 KECCAK256; 0 MSTORE; 32 0 RETURN (PUSH1, not the
    // Shanghai PUSH0, so it runs on any hard fork)
    const code = hexToBytes("0x3660006000373660002060005260206000f3");
    const result = await this.vm.evm.runCode({ code, data, gasLimit: CALL_GAS_LIMIT });
    if (result.exceptionError !== undefined)
      throw new Error(`keccak256 code failed: ${result.exceptionError.error}`);
    return result.returnValue;
  }
}
