// The small part of the Solidity ABI the auction contract needs: static arguments (uintN, address, bool)
// and return values that are static or dynamic arrays of uintN. Words are 32 bytes, big-endian.

export interface AbiParam {
  name: string;
  type: string;
  internalType?: string;
  indexed?: boolean;
}

export interface AbiEntry {
  type: "function" | "constructor" | "error" | "event" | "fallback" | "receive";
  name?: string;
  inputs?: AbiParam[];
  outputs?: AbiParam[];
  stateMutability?: string;
  anonymous?: boolean;
}

/** uintN -> bigint, bool -> boolean, address -> lower-case 0x hex, uintN[] -> bigint[]. */
export type AbiValue = bigint | boolean | string | bigint[];

const WORD = 32;

export function signature(entry: AbiEntry): string {
  return `${entry.name ?? ""}(${(entry.inputs ?? []).map((p) => p.type).join(",")})`;
}

function word(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`ABI word out of range: ${value}`);
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(2 * WORD, "0"), "hex"));
}

function encodeOne(param: AbiParam, value: AbiValue): Uint8Array {
  if (param.type === "address" && typeof value === "string") return word(BigInt(value));
  if (param.type === "bool" && typeof value === "boolean") return word(value ? 1n : 0n);
  if (/^uint\d*$/.test(param.type) && typeof value === "bigint") return word(value);
  throw new TypeError(`cannot ABI-encode ${String(value)} as ${param.type} (${param.name})`);
}

/** Encodes static arguments, head only (no dynamic types are needed by the contract's inputs). */
export function encodeArgs(params: readonly AbiParam[], values: readonly AbiValue[]): Uint8Array {
  if (params.length !== values.length) {
    throw new TypeError(`expected ${params.length} ABI arguments, got ${values.length}`);
  }
  const out = new Uint8Array(WORD * params.length);
  params.forEach((p, i) => out.set(encodeOne(p, values[i] as AbiValue), WORD * i));
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function readWord(data: Uint8Array, offset: number): bigint {
  if (offset + WORD > data.length) throw new RangeError(`ABI data too short at offset ${offset}`);
  return BigInt(`0x${Buffer.from(data.subarray(offset, offset + WORD)).toString("hex")}`);
}

function decodeStatic(type: string, value: bigint): AbiValue {
  if (type === "bool") return value !== 0n;
  if (type === "address") return `0x${value.toString(16).padStart(40, "0")}`;
  if (/^uint\d*$/.test(type)) return value;
  throw new TypeError(`cannot ABI-decode type ${type}`);
}

/** Decodes return data (or error arguments) laid out per `params`. */
export function decodeValues(params: readonly AbiParam[], data: Uint8Array): AbiValue[] {
  return params.map((p, i) => {
    const head = readWord(data, WORD * i);
    if (!p.type.endsWith("[]")) return decodeStatic(p.type, head);
    const elementType = p.type.slice(0, -2);
    if (!/^uint\d*$/.test(elementType)) throw new TypeError(`cannot ABI-decode type ${p.type}`);
    const start = Number(head);
    const length = Number(readWord(data, start));
    return Array.from({ length }, (_, k) => readWord(data, start + WORD * (k + 1)));
  });
}
