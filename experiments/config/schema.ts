// The experiment configuration: typed data, validated once at the boundary (zod), with every
// default filled in. The resolved config is written next to the results.
import { z } from "zod";
import { bidders, DEFAULT_MARKET_CONFIG, mechanisms } from "../../sim/market/index.js";
import { PAPER } from "../../sim/presets.js";
import { MAX_HOUSEHOLD_KW } from "../../sim/data/index.js";
import { SHIFT_SERIES } from "../../sim/data/index.js";
import type { Registry, Named } from "../../sim/kernel/registry.js";
import { interMicrogridProcesses, PAPER_SCENARIOS } from "../../sim/grid/index.js";
import { hasLedger, ledgerNames, ledgerPlugin, UnknownLedgerError } from "../../sim/ledger/index.js";
import {
  BATTERY_DEFAULTS,
  checkBattery,
  checkEv,
  checkSessions,
  devicePolicies,
  DeviceSpecError,
  EV_DEFAULTS,
  SESSION_DEFAULTS,
} from "../../sim/devices/index.js";

const positive = z.number().positive();
/**
 * A main-grid price (p/kWh): positive and at most MAX_PRICE. The bound keeps every derived money
 * figure finite and far from the float range; no tariff comes near it (docs/experiments.md).
 */
export const MAX_PRICE = 1e4;
const price = z.number().positive().max(MAX_PRICE);
/** The longest run one config describes (days); longer studies are sweeps of shorter runs. */
export const MAX_DAYS = 366;
const nonNegative = z.number().nonnegative();

const shiftHours = z
  .record(z.string(), z.number())
  .describe(
    "shift per microgrid (hours, positive = later; a whole number of periods), circular over the profile; default: { MG3: 12 } for the paper preset, none otherwise",
  );
const shiftSeries = z
  .enum(SHIFT_SERIES)
  .default("pv")
  .describe("what shiftHours moves: pv (generation, the paper's shift), load, or both");

/** The paper preset's microgrids: three (MG1, MG2, MG3), MG3's generation shifted by 12 h. */
const PAPER_MICROGRIDS = 3;
const PAPER_SHIFT_HOURS: Readonly<Record<string, number>> = { MG3: 12 };

// microgrids, agentsPerMicrogrid and shiftHours are optional in the input so that the defaults can
// depend on the preset and a field the preset cannot honour is refused, not ignored.
const profileSynthetic = z
  .object({
    source: z.literal("synthetic"),
    preset: z
      .enum(["paper", "uniform"])
      .default("paper")
      .describe(
        "paper: MG1, MG2 (heavy consumer), MG3 of agentsPerMicrogrid agents each; uniform: microgrids x agentsPerMicrogrid",
      ),
    microgrids: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        `number of microgrids (default ${PAPER_MICROGRIDS}; the paper preset has exactly ${PAPER_MICROGRIDS})`,
      ),
    agentsPerMicrogrid: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(`agents in each microgrid (default ${PAPER.agentsPerMicrogrid})`),
    start: z.string().default(PAPER.start).describe("ISO-8601 with offset: start of the first period"),
    days: z.number().int().positive().max(MAX_DAYS).default(PAPER.days),
    shiftHours: shiftHours.optional(),
    shiftSeries,
  })
  .strict()
  .transform((p, ctx) => {
    if (p.preset === "paper" && p.microgrids !== undefined && p.microgrids !== PAPER_MICROGRIDS) {
      ctx.addIssue({
        code: "custom",
        path: ["microgrids"],
        message: `the paper preset has ${PAPER_MICROGRIDS} microgrids, got ${p.microgrids}; use "preset": "uniform" for another number`,
      });
      return z.NEVER;
    }
    return {
      source: p.source,
      preset: p.preset,
      microgrids: p.microgrids ?? PAPER_MICROGRIDS,
      agentsPerMicrogrid: p.agentsPerMicrogrid ?? PAPER.agentsPerMicrogrid,
      start: p.start,
      days: p.days,
      shiftHours: p.shiftHours ?? (p.preset === "paper" ? { ...PAPER_SHIFT_HOURS } : {}),
      shiftSeries: p.shiftSeries,
    };
  });

const profileCsv = z
  .object({
    source: z.literal("csv"),
    file: z
      .string()
      .describe("long CSV: timestamp,household,pv_kwh,load_kwh (path relative to the config file)"),
    households: z.string().describe("CSV household,microgrid[,pv_kw] (path relative to the config file)"),
    missing: z.enum(["error", "zero", "interpolate"]).default("error"),
    pvScale: positive.default(1),
    loadScale: positive.default(1),
    maxKw: positive
      .default(MAX_HOUSEHOLD_KW)
      .describe("the largest mean power a household's row may show (kW); above it the CSV is refused"),
    shiftHours: shiftHours.default({}),
    shiftSeries,
  })
  .strict();

const L = DEFAULT_MARKET_CONFIG.learning;
const learning = z
  .object({
    rule: z
      .enum(["as-described", "as-printed"])
      .default(L.rule)
      .describe("Algorithm 1: as the results describe it, or as printed (docs/errata.md, erratum 2)"),
    beta: z.number().min(0).max(1).default(L.beta),
    lambdaR: nonNegative.default(L.lambdaR),
    lambdaA: nonNegative.default(L.lambdaA),
    freeRaiseProbability: z.number().min(0).max(1).default(L.freeRaiseProbability),
    winners: z
      .enum(["keep", "lower"])
      .default(L.winners)
      .describe("what a bidder that traded with margin does to r"),
  })
  .strict();

/** A plugin's name, checked against its registry when the config is read (so a plugin a script
 * registered before loading the config is accepted). */
function pluginName<T extends Named>(registry: Registry<T>, fallback: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((name, ctx) => {
      if (!registry.has(name))
        ctx.addIssue({
          code: "custom",
          message: `unknown ${registry.kind} "${name}" (known: ${registry.names().join(", ")})`,
        });
    })
    .describe(`a registered ${registry.kind}: ${registry.names().join(", ")} built in`);
}

const M = DEFAULT_MARKET_CONFIG;
const market = z
  .object({
    theta: positive.max(50).default(M.theta).describe("AA's theta (at most 50: exp(theta) must stay finite)"),
    equations: z
      .enum(["corrected", "as-printed"])
      .default(M.equations)
      .describe("eqs (2)-(3): corrected or as printed (docs/errata.md, erratum 1)"),
    learning: learning.default(learning.parse({})),
    epsilon: positive.default(M.epsilon).describe("consensus: MCP moves less than this (p/kWh)..."),
    k: z.number().int().positive().default(M.k).describe("...for this many consecutive rounds"),
    maxRounds: z.number().int().positive().default(M.maxRounds),
    fallback: z
      .enum(["as-described", "as-printed"])
      .default(M.fallback)
      .describe("eq (1): as its sentence says, or as printed (docs/errata.md, erratum 3)"),
    limitPrices: z
      .enum(["split-midpoint", "uniform", "grid"])
      .default(M.limitPrices)
      .describe("private limit prices: grid = reserve prices at Pgb / Pgs (the paper's reading); or drawn"),
    initialAggressiveness: z.enum(["eager", "random", "neutral"]).default(M.initialAggressiveness),
    bidder: pluginName(bidders, M.bidder),
    mechanism: pluginName(mechanisms, M.mechanism),
    discriminatoryK: z
      .number()
      .min(0)
      .max(1)
      .default(M.discriminatoryK)
      .describe("discriminatory mechanism: a matched pair trades at ask + k (bid - ask)"),
    interMicrogrid: pluginName(interMicrogridProcesses, M.interMicrogrid),
  })
  .strict();

/** Ledgers whose options are top-level fields of their own name (as before ledgerOptions). */
const TOP_LEVEL_OPTIONS = { iota: true, ethereum: true } as const;

/** The message for a name that is not a registered ledger. */
function unknownLedger(name: string): string {
  return new UnknownLedgerError("ledger", name, ledgerNames()).message;
}

// Resolved against the ledgers registered when the config is read: every registered ledger gets its
// plugin's default unless the config gives one, in name order.
const roundSeconds = z.record(z.string(), positive).transform((given, ctx) => {
  const out: Record<string, number> = {};
  for (const name of Object.keys(given)) {
    if (!hasLedger(name)) ctx.addIssue({ code: "custom", path: [name], message: unknownLedger(name) });
  }
  for (const name of ledgerNames()) out[name] = given[name] ?? ledgerPlugin(name).defaultRoundSeconds;
  return out;
});

const trading = z
  .object({
    periodMinutes: positive.default(PAPER.trading.periodMinutes),
    windowMinutes: positive
      .default(PAPER.trading.windowMinutes)
      .describe("the part of each period in which the auction runs"),
    roundSeconds: roundSeconds.prefault({}).describe(
      `round length per ledger (s); default: the ledger's own (${ledgerNames()
        .map((name) => `${name} ${ledgerPlugin(name).defaultRoundSeconds}`)
        .join(", ")})`,
    ),
    forecastErrorSd: nonNegative
      .default(PAPER.trading.forecastErrorSd)
      .describe("relative forecast error (0 = the paper's exact forecast)"),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.windowMinutes >= t.periodMinutes) {
      ctx.addIssue({
        code: "custom",
        path: ["windowMinutes"],
        message: `must be shorter than periodMinutes (${t.periodMinutes})`,
      });
    }
    for (const [ledger, seconds] of Object.entries(t.roundSeconds)) {
      if (seconds > t.windowMinutes * 60) {
        ctx.addIssue({
          code: "custom",
          path: ["roundSeconds", ledger],
          message: `a round must fit in the trading window (${t.windowMinutes} min)`,
        });
      }
    }
    if (!Number.isInteger(t.periodMinutes) || (24 * 60) % t.periodMinutes !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["periodMinutes"],
        message: "must be a whole number of minutes that divides a day",
      });
    }
  });

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

const hours = z.number().nonnegative();
const fault = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("wasp-node-down"),
      microgrid: z.string().describe("whose Wasp chain loses the node"),
      node: z.number().int().nonnegative().describe("committee node index"),
      fromHour: hours,
      toHour: hours.optional().describe("omitted: never recovers"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("l1-latency-spike"),
      fromHour: hours,
      toHour: hours.optional(),
      multiplier: positive,
    })
    .strict(),
  z
    .object({
      kind: z.literal("eth-demand-spike"),
      fromHour: hours,
      toHour: hours.optional(),
      multiplier: positive,
    })
    .strict(),
  z
    .object({
      kind: z.literal("sequencer-down"),
      fromHour: hours,
      toHour: hours.optional().describe("omitted: never recovers"),
    })
    .strict()
    .describe("a rollup's sequencer builds no blocks and gives no preconfirmations (op-rollup)"),
]);

const fraction = z.number().min(0).max(1);
const efficiency = z.number().gt(0).max(1);

/** A battery's fields, each missing one taking its default. */
function batteryFields() {
  const d = <T extends z.ZodType>(schema: T, value: z.output<T>) => schema.default(value as never);
  const B = BATTERY_DEFAULTS;
  return {
    share: d(fraction, B.share).describe(
      "share of each microgrid's agents with a battery, chosen by a seeded stream",
    ),
    capacityKwh: d(positive, B.capacityKwh).describe("usable capacity (kWh)"),
    chargeKw: d(positive, B.chargeKw).describe("charge power limit, grid side (kW)"),
    dischargeKw: d(positive, B.dischargeKw).describe("discharge power limit, grid side (kW)"),
    chargeEfficiency: d(efficiency, B.chargeEfficiency).describe("stored Wh per grid-side Wh charged"),
    dischargeEfficiency: d(efficiency, B.dischargeEfficiency).describe(
      "grid-side Wh per stored Wh discharged",
    ),
    socMin: d(fraction, B.socMin).describe("lowest state of charge (fraction of capacity)"),
    socMax: d(fraction, B.socMax).describe("highest state of charge (fraction of capacity)"),
    initialSoc: d(fraction, B.initialSoc).describe("state of charge at the start (fraction of capacity)"),
    degradationPPerKwh: d(nonNegative, B.degradationPPerKwh).describe(
      "wear cost per kWh of grid-side throughput (p/kWh): reported and weighed by market-aware, never settled",
    ),
  };
}

function evFields() {
  const d = <T extends z.ZodType>(schema: T, value: z.output<T>) => schema.default(value as never);
  const E = EV_DEFAULTS;
  return {
    share: d(fraction, E.share).describe(
      "share of each microgrid's agents with an EV (ignored with CSV sessions)",
    ),
    capacityKwh: d(positive, E.capacityKwh).describe("battery capacity (kWh)"),
    chargerKw: d(positive, E.chargerKw).describe("home charger power (kW)"),
    chargeEfficiency: d(efficiency, E.chargeEfficiency),
    dischargeEfficiency: d(efficiency, E.dischargeEfficiency),
    socMin: d(fraction, E.socMin),
    socMax: d(fraction, E.socMax).describe("the state of charge a vehicle wants at departure (fraction)"),
    v2h: d(z.boolean(), E.v2h).describe("vehicle-to-home / vehicle-to-grid discharge while at home"),
    v2hKw: d(positive, E.v2hKw).describe("discharge power limit with v2h (kW)"),
  };
}

/** The same fields without defaults: a microgrid's override of some of them. */
function overrides<T extends Record<string, z.ZodDefault>>(fields: T) {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) out[key] = (field.unwrap() as z.ZodType).optional();
  return z.object(out as { [K in keyof T]: z.ZodOptional<T[K]> }).strict();
}

/** Runs a device check as a zod refinement: its error becomes an issue on the field it names. */
function deviceCheck<T>(check: (value: T, at: string) => void) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    try {
      check(value, "");
    } catch (error) {
      if (!(error instanceof DeviceSpecError)) throw error;
      ctx.addIssue({ code: "custom", path: [error.field], message: error.detail });
    }
  };
}

const S = SESSION_DEFAULTS;
const sessions = z
  .discriminatedUnion("source", [
    z
      .object({
        source: z.literal("synthetic"),
        arrivalHourMean: z.number().default(S.arrivalHourMean).describe("arrival home, local hour (mean)"),
        arrivalHourSd: z.number().default(S.arrivalHourSd),
        departureHourMean: z
          .number()
          .default(S.departureHourMean)
          .describe("departure next morning, local hour (mean)"),
        departureHourSd: z.number().default(S.departureHourSd),
        energyKwhMedian: z
          .number()
          .default(S.energyKwhMedian)
          .describe("energy needed per session (kWh, median)"),
        energyCv: z.number().default(S.energyCv).describe("coefficient of variation of the energy needed"),
      })
      .strict()
      .superRefine(deviceCheck(checkSessions)),
    z
      .object({
        source: z.literal("csv"),
        file: z
          .string()
          .describe("CSV household,arrival,departure,energy_kwh (path relative to the config file)"),
      })
      .strict(),
  ])
  .default({ ...SESSION_DEFAULTS });

const battery = z.object(batteryFields()).strict().superRefine(deviceCheck(checkBattery));
const ev = z
  .object({ ...evFields(), sessions })
  .strict()
  .superRefine(deviceCheck(checkEv));

const devices = z
  .object({
    policy: pluginName(devicePolicies, "self-consumption"),
    compare: z
      .array(z.string())
      .default([])
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          if (!devicePolicies.has(name))
            ctx.addIssue({
              code: "custom",
              path: [i],
              message: `unknown device policy "${name}" (known: ${devicePolicies.names().join(", ")})`,
            });
        });
      })
      .describe("other device policies to run alongside, for summary.json's storage block only"),
    battery: battery.optional().describe("home batteries in every microgrid (docs/storage.md)"),
    ev: ev.optional().describe("electric vehicles in every microgrid (docs/storage.md)"),
    microgrids: z
      .record(
        z.string(),
        z
          .object({
            battery: overrides(batteryFields()).optional(),
            ev: overrides(evFields()).optional(),
          })
          .strict(),
      )
      .default({})
      .describe("per microgrid, fields that replace the battery's or EV's (share 0: none there)"),
  })
  .strict();

export const runConfigSchema = z
  .object({
    $schema: z.string().max(1000).optional(),
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        "a name, not a path: letters, digits, '.', '_' or '-', starting with a letter or digit",
      )
      .default("run"),
    seed: z.number().int().nonnegative().default(PAPER.seed),
    plugins: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "modules that register bidders, mechanisms, inter-microgrid processes or ledgers, imported before the config is read (paths relative to this file, or package names)",
      ),
    limits: z
      .object({ pgs: price.default(PAPER.limits.pgs), pgb: price.default(PAPER.limits.pgb) })
      .strict()
      .default({ ...PAPER.limits })
      .refine((l) => l.pgs < l.pgb, { message: "pgs must be below pgb" }),
    profiles: z
      .discriminatedUnion("source", [profileSynthetic, profileCsv])
      .default(profileSynthetic.parse({ source: "synthetic" })),
    market: market.default(market.parse({})),
    trading: trading.prefault({}),
    scenarios: z
      .array(scenario)
      .min(1)
      .default([...PAPER_SCENARIOS])
      .superRefine((entries, ctx) => {
        const ids = entries.map((e) => (typeof e === "string" ? e : e.id));
        ids.forEach((id, i) => {
          if (ids.indexOf(id) !== i)
            ctx.addIssue({ code: "custom", path: [i], message: `scenario id "${id}" is listed twice` });
        });
      }),
    ledgers: z
      .array(z.string())
      .min(1)
      .default(["ideal", "iota", "ethereum"])
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          if (!hasLedger(name)) ctx.addIssue({ code: "custom", path: [i], message: unknownLedger(name) });
          if (names.indexOf(name) !== i)
            ctx.addIssue({ code: "custom", path: [i], message: `"${name}" is listed twice` });
        });
      })
      .describe(
        "registered ledger names (built in: ideal = instant confirmation, the paper's off-ledger market simulation; iota; ethereum)",
      ),
    iota: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("overrides of the IOTA model defaults (docs/ledger.md)"),
    outputs: z
      .object({
        trades: z
          .boolean()
          .default(true)
          .describe("write trades.arrow (one row per agent and period with an order)"),
        transactions: z
          .boolean()
          .default(true)
          .describe(
            "write transactions.arrow (one row per ledger transaction); false keeps only unresolved transactions in memory (large runs)",
          ),
      })
      .strict()
      .default({ trades: true, transactions: true }),
    faults: z
      .array(fault)
      .default([])
      .describe("ledger faults, hours from the start of the run (docs/ledger.md)"),
    ethereum: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("overrides of the Ethereum model defaults (docs/ledger.md)"),
    ledgerOptions: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((options, ctx) => {
        for (const name of Object.keys(options)) {
          const message = !hasLedger(name)
            ? unknownLedger(name)
            : Object.hasOwn(TOP_LEVEL_OPTIONS, name)
              ? `set in the top-level "${name}" field`
              : undefined;
          if (message !== undefined) ctx.addIssue({ code: "custom", path: [name], message });
        }
      })
      .describe("options of other registered ledgers, by name, passed to their plugin (docs/ledger.md)"),
    devices: devices
      .optional()
      .describe("home batteries and EVs and the policy that runs them (docs/storage.md); omitted: none"),
  })
  .strict();

export type RunConfig = z.output<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/** The config's options for `ledger`, as its plugin receives them (undefined when there are none). */
export function ledgerOptionsOf(config: RunConfig, ledger: string): unknown {
  if (Object.hasOwn(TOP_LEVEL_OPTIONS, ledger)) return config[ledger as keyof typeof TOP_LEVEL_OPTIONS];
  return config.ledgerOptions[ledger];
}
