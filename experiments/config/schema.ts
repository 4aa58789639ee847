// The experiment configuration: typed data, validated once at the boundary (zod), with every
// default filled in. The resolved config is written next to the results.
import { z } from "zod";

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

const profileSynthetic = z
  .object({
    source: z.literal("synthetic"),
    preset: z.enum(["paper", "uniform"]).default("paper").describe("paper: 3 x 5 agents (MG2 heavy consumer); uniform: see microgrids/agentsPerMicrogrid"),
    microgrids: z.number().int().positive().default(3),
    agentsPerMicrogrid: z.number().int().positive().default(5),
    start: z.string().default("2022-06-06T00:00:00+01:00").describe("ISO-8601 with offset: start of the first period"),
    days: z.number().int().positive().default(7),
    shiftHours: z.record(z.string(), z.number()).default({ MG3: 12 }).describe("generation shift per microgrid (hours), circular over the profile"),
  })
  .strict();

const profileCsv = z
  .object({
    source: z.literal("csv"),
    file: z.string().describe("long CSV: timestamp,household,pv_kwh,load_kwh (path relative to the config file)"),
    households: z.string().describe("CSV household,microgrid[,pv_kw] (path relative to the config file)"),
    missing: z.enum(["error", "zero", "interpolate"]).default("error"),
    pvScale: positive.default(1),
    loadScale: positive.default(1),
  })
  .strict();

const learning = z
  .object({
    rule: z.enum(["as-described", "as-printed"]).default("as-described"),
    beta: z.number().min(0).max(1).default(0.4),
    lambdaR: nonNegative.default(0.02),
    lambdaA: nonNegative.default(0.01),
    freeRaiseProbability: z.number().min(0).max(1).default(0.5),
  })
  .strict();

const market = z
  .object({
    theta: positive.default(2),
    equations: z.enum(["corrected", "as-printed"]).default("corrected"),
    learning: learning.default(learning.parse({})),
    epsilon: positive.default(0.01),
    k: z.number().int().positive().default(2),
    maxRounds: z.number().int().positive().default(100),
    fallback: z.enum(["as-described", "as-printed"]).default("as-described"),
    limitPrices: z.enum(["split-midpoint", "uniform", "grid"]).default("split-midpoint"),
    initialAggressiveness: z.enum(["random", "neutral"]).default("random"),
    bidder: z.enum(["aa", "zic"]).default("aa"),
  })
  .strict();

const roundSeconds = z
  .object({ ideal: positive.default(10), iota: positive.default(20), ethereum: positive.default(30) })
  .strict();

const trading = z
  .object({
    periodMinutes: positive.default(30),
    windowMinutes: positive.default(5).describe("the part of each period in which the auction runs"),
    roundSeconds: roundSeconds.default(roundSeconds.parse({})).describe("round length per ledger"),
    forecastErrorSd: nonNegative.default(0).describe("relative forecast error (0 = the paper's exact forecast)"),
  })
  .strict();

const scenario = z.union([
  z.string().describe('"grid", "all", or microgrids joined by "+", e.g. "MG1+MG2"'),
  z
    .object({
      id: z.string(),
      links: z.array(z.tuple([z.string(), z.string()])),
      involved: z.array(z.string()),
    })
    .strict(),
]);

export const runConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-' only").default("run"),
    seed: z.number().int().nonnegative().default(2022),
    limits: z
      .object({ pgs: positive.default(3.2), pgb: positive.default(18.9) })
      .strict()
      .default({ pgs: 3.2, pgb: 18.9 })
      .refine((l) => l.pgs < l.pgb, { message: "pgs must be below pgb" }),
    profiles: z.discriminatedUnion("source", [profileSynthetic, profileCsv]).default(profileSynthetic.parse({ source: "synthetic" })),
    market: market.default(market.parse({})),
    trading: trading.default(trading.parse({})),
    scenarios: z.array(scenario).min(1).default(["grid", "MG1+MG2", "MG1+MG3", "MG2+MG3", "all"]),
    ledgers: z
      .array(z.enum(["ideal", "iota", "ethereum"]))
      .min(1)
      .default(["ideal", "iota", "ethereum"])
      .describe("ideal = instant confirmation (the paper's off-ledger market simulation)"),
    iota: z.record(z.string(), z.unknown()).default({}).describe("overrides of the IOTA model defaults (docs/ledger.md)"),
    ethereum: z.record(z.string(), z.unknown()).default({}).describe("overrides of the Ethereum model defaults (docs/ledger.md)"),
  })
  .strict();

export type RunConfig = z.output<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;
