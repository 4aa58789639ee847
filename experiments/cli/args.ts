// The parsed options of each subcommand (declared in commands.ts, used by its handler module).
export interface RunArgs {
  config: string;
  seed?: number;
  out?: string;
  profiles?: string;
  replace?: boolean;
  quiet: boolean;
}

export interface ConfigArgs {
  config: string;
}

export interface SweepArgs {
  config: string;
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
}
