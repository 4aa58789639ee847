// Compiles contracts/UniformDoubleAuction.sol with the pinned solc-js (0.8.37), optimizer on (200 runs),
// for the EVM version of the hard fork the gas experiment runs (prague).
//
// The artifact (ABI, bytecode, compiler and settings) is cached in contracts/build/UniformDoubleAuction.json
// under a hash of everything that determines the output (source text, compiler version, settings), so
// tests reuse it instead of loading the compiler (~1-3 s) and can never use a stale build: any change of
// the source or the pins changes the hash and forces a recompile. Run as a script it (re)writes the file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../io/atomic.js";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AbiEntry } from "./abi.js";

export const SOLC_VERSION = "0.8.37";
export const EVM_VERSION = "prague";
export const OPTIMIZER = { enabled: true, runs: 200 } as const;
export const CONTRACT_NAME = "UniformDoubleAuction";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SOURCE_PATH = join(ROOT, "contracts", `${CONTRACT_NAME}.sol`);
export const ARTIFACT_PATH = join(ROOT, "contracts", "build", `${CONTRACT_NAME}.json`);

export interface CompiledContract {
  name: string;
  compiler: string; // full solc version string, e.g. 0.8.37+commit.f401782d.Emscripten.clang
  evmVersion: string;
  optimizer: { enabled: boolean; runs: number };
  inputHash: string; // sha256 of the standard-JSON input and the compiler version
  abi: AbiEntry[];
  bytecode: Uint8Array; // creation code, without constructor arguments
  deployedSize: number; // bytes of runtime code
  methodIdentifiers: Record<string, string>; // "placeBid(uint256,uint256,uint256)" -> 8-hex selector
}

interface SolcMessage {
  severity: "error" | "warning" | "info";
  formattedMessage: string;
}

interface SolcContractOutput {
  abi: AbiEntry[];
  evm: {
    bytecode: { object: string };
    deployedBytecode: { object: string };
    methodIdentifiers: Record<string, string>;
  };
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<string, Record<string, SolcContractOutput>>;
}

interface SolcApi {
  compile: (input: string) => string;
  version: () => string;
}

type Artifact = Omit<CompiledContract, "bytecode"> & { bytecode: string };

function installedSolcVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require("solc/package.json") as { version: string };
  if (pkg.version !== SOLC_VERSION) {
    throw new Error(`solc-js ${pkg.version} is installed, but the gas figures are pinned to ${SOLC_VERSION}`);
  }
  return pkg.version;
}

function standardInput(source: string, evmVersion: string): string {
  return JSON.stringify({
    language: "Solidity",
    sources: { [`${CONTRACT_NAME}.sol`]: { content: source } },
    settings: {
      optimizer: OPTIMIZER,
      evmVersion,
      outputSelection: {
        "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"] },
      },
    },
  });
}

function hashInput(input: string): string {
  return createHash("sha256").update(installedSolcVersion()).update("\n").update(input).digest("hex");
}

async function loadSolc(): Promise<SolcApi> {
  // solc-js ships `any` typings and takes ~1 s to load: import it only when a compile is needed.
  const mod = (await import("solc")) as unknown as { default: SolcApi };
  return mod.default;
}

/**
 * Compiles the auction contract for `evmVersion` (a hard-fork name; the gas experiment runs the chain
 * on the same fork); throws with solc's messages on any error or warning.
 */
export async function compileAuction(
  source: string = readFileSync(SOURCE_PATH, "utf8"),
  evmVersion: string = EVM_VERSION,
): Promise<CompiledContract> {
  const input = standardInput(source, evmVersion);
  const solc = await loadSolc();
  const compiler = solc.version();
  if (!compiler.startsWith(`${SOLC_VERSION}+`))
    throw new Error(`solc-js reports ${compiler}, not ${SOLC_VERSION}`);
  const output = JSON.parse(solc.compile(input)) as SolcOutput;
  const problems = (output.errors ?? []).filter((m) => m.severity !== "info");
  if (problems.length > 0) {
    throw new Error(`solc reported:\n${problems.map((m) => m.formattedMessage).join("\n")}`);
  }
  const out = output.contracts?.[`${CONTRACT_NAME}.sol`]?.[CONTRACT_NAME];
  if (out === undefined) throw new Error(`solc produced no ${CONTRACT_NAME}`);
  return {
    name: CONTRACT_NAME,
    compiler,
    evmVersion,
    optimizer: { ...OPTIMIZER },
    inputHash: hashInput(input),
    abi: out.abi,
    bytecode: Uint8Array.from(Buffer.from(out.evm.bytecode.object, "hex")),
    deployedSize: out.evm.deployedBytecode.object.length / 2,
    methodIdentifiers: out.evm.methodIdentifiers,
  };
}

function readArtifact(expectedHash: string): CompiledContract | undefined {
  let artifact: Artifact;
  try {
    artifact = JSON.parse(readFileSync(ARTIFACT_PATH, "utf8")) as Artifact;
  } catch {
    return undefined;
  }
  if (artifact.inputHash !== expectedHash) return undefined;
  return { ...artifact, bytecode: Uint8Array.from(Buffer.from(artifact.bytecode, "hex")) };
}

export function writeArtifact(c: CompiledContract): string {
  const artifact: Artifact = { ...c, bytecode: Buffer.from(c.bytecode).toString("hex") };
  // Atomic: concurrent test processes may both write.
  writeFileAtomic(ARTIFACT_PATH, `${JSON.stringify(artifact, null, 2)}\n`);
  return ARTIFACT_PATH;
}

/**
 * The compiled contract, from the cached artifact when its input hash matches, else compiled anew.
 * Only the default EVM version is cached; others are compiled on every call.
 */
export async function loadAuction(evmVersion: string = EVM_VERSION): Promise<CompiledContract> {
  const source = readFileSync(SOURCE_PATH, "utf8");
  if (evmVersion !== EVM_VERSION) return compileAuction(source, evmVersion);
  const cached = readArtifact(hashInput(standardInput(source, evmVersion)));
  if (cached !== undefined) return cached;
  const compiled = await compileAuction(source, evmVersion);
  writeArtifact(compiled);
  return compiled;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const compiled = await compileAuction();
  const path = writeArtifact(compiled);
  console.log(`${compiled.name}: ${compiled.deployedSize} bytes runtime, ${compiled.compiler} -> ${path}`);
}
