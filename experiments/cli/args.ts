// The parsed options of each subcommand (declared in commands.ts, used by its handler module).
export interface RunArgs {
  config?: string;
  /** As typed: checked by the handler, so "" and a bare --seed are errors, not seed 0. */
  seed?: string;
  out?: string;
  profiles?: string;
  households?: string;
  replace?: boolean;
  quiet: boolean;
}

export interface ConfigArgs {
  config: string;
}

export interface Table1Args extends ConfigArgs {
  /** Comma-separated ledgers; default every registered ledger with a model. */
  ledgers?: string;
  json?: boolean;
}

export interface SweepArgs {
  "sweep.json": string;
  jobs?: number;
  shard?: string;
  out?: string;
  replace?: boolean;
  quiet: boolean;
}

export interface MergeArgs {
  dirs: string[];
  out: string;
  replace?: boolean;
}

export interface ReproduceArgs {
  out: string;
  seeds: number;
  jobs?: number;
  map: boolean;
  beyond?: boolean;
  pdf?: boolean;
  replace?: boolean;
  quiet: boolean;
}

export interface ReadingsArgs {
  out: string;
  seeds: number;
  jobs?: number;
  reduced: boolean;
  doc?: string;
  replace?: boolean;
  quiet: boolean;
}

export interface ReportArgs {
  dir: string;
  pdf?: boolean;
}
