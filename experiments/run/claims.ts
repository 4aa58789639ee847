// The paper's qualitative claims of section IV, checked against a run's numbers.
//
// Every claim declares its kind:
// - an *identity* holds by construction of the model under the run's reading; it is shown as such
//   (with the one-line reason), never as a confirmation. It is still evaluated: an identity that
//   fails is a bug in the simulator, and is reported as one.
// - an *empirical* claim can fail: a test builds an input on which it does.
// Explanations are computed from the run's numbers; no sentence is fixed in advance.
import type { Profile } from "../../sim/data/index.js";
import type { ScenarioSummary } from "./summary.js";

export type ClaimKind = "identity" | "empirical";

export interface Claim {
  id: string;
  claim: string;
  kind: ClaimKind;
  /** For an identity: why it holds by construction (one line). */
  because?: string;
  ours: string;
  paper: string;
  holds: boolean;
  /** For an empirical claim: what in the run's numbers explains the outcome. */
  why?: string;
  /** In how many replications (seeds) it held, when there were replications. */
  seeds?: { held: number; of: number };
}

/** What the claims need beyond the scenario summaries. */
export interface ClaimContext {
  /**
   * Whether the inter-microgrid level clears sealed orders at their efficient volume: then a
   * scenario that links more microgrids never trades less between peers (the three "All" claims
   * become identities).
   */
  level2Efficient: boolean;
  /** kWh of `producer`'s surplus that coincides in time with `partner`'s deficit. */
  coincidenceKwh: (producer: string, partner: string) => number;
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

/** Per microgrid and period, the members' net production (Wh), microgrid-major. */
function microgridNet(profile: Profile): Float64Array {
  const { periods } = profile;
  const net = new Float64Array(profile.microgrids.length * periods);
  for (const agent of profile.agents) {
    const row = agent.microgridIndex * periods;
    const base = agent.id * periods;
    for (let t = 0; t < periods; t++) net[row + t]! += profile.pv[base + t]! - profile.load[base + t]!;
  }
  return net;
}

/** Coincidence of one microgrid's surplus with another's deficit, from the profile. */
export function coincidence(profile: Profile): ClaimContext["coincidenceKwh"] {
  const net = microgridNet(profile);
  const { periods } = profile;
  return (producer, partner) => {
    const p = profile.microgrids.indexOf(producer);
    const q = profile.microgrids.indexOf(partner);
    if (p < 0 || q < 0) return NaN;
    let wh = 0;
    for (let t = 0; t < periods; t++) {
      const surplus = net[p * periods + t]!;
      const deficit = -net[q * periods + t]!;
      if (surplus > 0 && deficit > 0) wh += Math.min(surplus, deficit);
    }
    return wh / 1000;
  };
}

const EFFICIENT_LEVEL2 =
  "level 1 does not depend on the links, and an efficient clearing of more microgrids' residual orders never trades less";

/** An "All" claim: an identity when the inter-microgrid level is efficient, else empirical. */
function allClaimKind(context: ClaimContext, reason: string): Pick<Claim, "kind" | "because"> {
  return context.level2Efficient
    ? { kind: "identity", because: `${reason}: ${EFFICIENT_LEVEL2}` }
    : { kind: "empirical" };
}

function producersOverConsumers(summaries: readonly ScenarioSummary[]): Claim {
  const failing = summaries.filter((s) => !(s.benefit.producerPct > s.benefit.consumerPct));
  return {
    id: "producers-over-consumers",
    claim: "Producers benefit more than consumers in every scenario",
    kind: "empirical",
    ours: summaries
      .map((s) => `${s.scenario}: ${fmt(s.benefit.producerPct)} % vs ${fmt(s.benefit.consumerPct)} %`)
      .join("; "),
    paper: "holds in every scenario (Figs 11, 12)",
    holds: failing.length === 0,
    why:
      failing.length === 0
        ? "every scenario's producers earn more over Pgs, in percent, than its consumers save under Pgb"
        : `not in ${failing.map((s) => s.scenario).join(", ")}: its producers sold ${failing.map((s) => `${fmt(pctPeer(s, "producer"))} %`).join(", ")} of their energy to peers, its consumers bought ${failing.map((s) => `${fmt(pctPeer(s, "consumer"))} %`).join(", ")} of theirs from peers`,
  };
}

/** Share of a scenario's sold (producer) or bought (consumer) energy that went to or came from peers. */
function pctPeer(s: ScenarioSummary, who: "producer" | "consumer"): number {
  const peer = s.byMicrogrid.reduce((x, b) => x + (who === "producer" ? b.peerSoldKwh : b.peerBoughtKwh), 0);
  const all = who === "producer" ? s.soldKwh : s.boughtKwh;
  return all > 0 ? (peer / all) * 100 : NaN;
}

function allHighestTotal(
  summaries: readonly ScenarioSummary[],
  all: ScenarioSummary,
  context: ClaimContext,
): Claim {
  const best = [...summaries].sort((a, b) => b.benefit.totalGbp - a.benefit.totalGbp)[0]!;
  return {
    id: "all-highest-total-benefit",
    claim: '"All" has the highest total benefit',
    ...allClaimKind(context, "total benefit is (Pgb - Pgs) x energy traded between peers"),
    ours: `highest: ${best.scenario} (GBP ${fmt(best.benefit.totalGbp, 2)}); all: GBP ${fmt(all.benefit.totalGbp, 2)}`,
    paper: '"All" highest (Fig 13)',
    holds: all.benefit.totalGbp >= best.benefit.totalGbp - 1e-9,
  };
}

function allLeastMainGrid(
  summaries: readonly ScenarioSummary[],
  all: ScenarioSummary,
  context: ClaimContext,
): Claim {
  const least = [...summaries].sort((a, b) => a.mainGridKwh - b.mainGridKwh)[0]!;
  return {
    id: "all-least-main-grid",
    claim: '"All" trades the least energy with the main grid',
    ...allClaimKind(context, "main-grid energy is the residual left after peers traded"),
    ours: `least: ${least.scenario} (${fmt(least.mainGridKwh)} kWh); all: ${fmt(all.mainGridKwh)} kWh`,
    paper: '"All" least (Fig 14); 20.6 % less than "Grid"',
    holds: all.mainGridKwh <= least.mainGridKwh + 1e-9,
  };
}

function allNotAboveGrid(grid: ScenarioSummary, all: ScenarioSummary): Claim {
  const less = ((grid.mainGridKwh - all.mainGridKwh) / grid.mainGridKwh) * 100;
  return {
    id: "all-vs-grid-main-grid-reduction",
    claim: 'No more main-grid energy in "All" than in "Grid"',
    kind: "identity",
    because:
      '"Grid" links no microgrids, level 1 does not depend on the links, and energy traded between microgrids only replaces main-grid energy on both sides',
    ours: `${fmt(less)} % less`,
    paper: "20.6 % less (the size is a headline figure, compared with a tolerance)",
    holds: all.mainGridKwh <= grid.mainGridKwh + 1e-9,
  };
}

function pairedWithMg2(by: Map<string, ScenarioSummary>, context: ClaimContext): Claim | undefined {
  const of = (scenario: string, mg: string) => by.get(scenario)?.byMicrogrid.find((b) => b.microgrid === mg);
  const pct = (scenario: string, mg: string): number => of(scenario, mg)?.producerPct ?? NaN;
  const sold = (scenario: string, mg: string): number => of(scenario, mg)?.peerSoldKwh ?? NaN;
  const mg1 = [pct("MG1+MG2", "MG1"), pct("MG1+MG3", "MG1")] as const;
  const mg3 = [pct("MG2+MG3", "MG3"), pct("MG1+MG3", "MG3")] as const;
  if (![...mg1, ...mg3].every(Number.isFinite)) return undefined;
  const holds = mg1[0] > mg1[1] && mg3[0] > mg3[1];
  const c = context.coincidenceKwh;
  const part = (producer: string, withMg2: string, withOther: string, other: string): string =>
    `${producer} sold ${fmt(sold(withMg2, producer))} kWh to peers with MG2 and ${fmt(sold(withOther, producer))} kWh with ${other}; ` +
    `its surplus coincides with MG2's deficit for ${fmt(c(producer, "MG2"))} kWh and with ${other}'s for ${fmt(c(producer, other))} kWh`;
  return {
    id: "paired-with-mg2",
    claim: "MG1 and MG3 benefit more as producers when paired with MG2 than with each other",
    kind: "empirical",
    ours: `MG1: ${fmt(mg1[0])} % with MG2 vs ${fmt(mg1[1])} % with MG3; MG3: ${fmt(mg3[0])} % with MG2 vs ${fmt(mg3[1])} % with MG1`,
    paper: "holds (Fig 11)",
    holds,
    why: `${part("MG1", "MG1+MG2", "MG1+MG3", "MG3")}. ${part("MG3", "MG2+MG3", "MG1+MG3", "MG1")}.`,
  };
}

/** The paper's claims of section IV on one ledger's scenarios. */
export function checkClaims(summaries: readonly ScenarioSummary[], context: ClaimContext): Claim[] {
  const by = new Map(summaries.map((s) => [s.scenario, s]));
  const all = by.get("all");
  const grid = by.get("grid");
  const claims: Claim[] = [producersOverConsumers(summaries)];
  if (all !== undefined)
    claims.push(allHighestTotal(summaries, all, context), allLeastMainGrid(summaries, all, context));
  if (all !== undefined && grid !== undefined) claims.push(allNotAboveGrid(grid, all));
  const paired = pairedWithMg2(by, context);
  if (paired !== undefined) claims.push(paired);
  return claims;
}
