// Microgrid topology and the paper's trading scenarios.
//
// Assumptions:
// - A topology is an undirected list of connected microgrid pairs. The inter-microgrid auction
//   runs per connected component of that graph: energy may transit through an intermediate
//   microgrid (the paper's scenarios are all complete graphs over the involved microgrids, where
//   this question does not arise).
// - A scenario names the microgrids "involved"; the others trade as in scenario 1 ("grid": alone
//   with the main grid). This is the paper's convention for Fig 14.

export interface Scenario {
  /** Identifier used in results, e.g. "grid", "MG1+MG2", "all". */
  id: string;
  /** Connected pairs of microgrid names. */
  links: [string, string][];
  /** Microgrids whose agents' benefits are reported for this scenario. */
  involved: string[];
}

/** The paper's scenario ids in its order (scenario 1, the three pairs of scenario 2, scenario 3). */
export const PAPER_SCENARIOS = ["grid", "MG1+MG2", "MG1+MG3", "MG2+MG3", "all"] as const;

/**
 * Expands a scenario shorthand over `microgrids`: "grid" (no links, all involved), "A+B[+C...]"
 * (the named microgrids fully connected and involved), "all" (every microgrid connected).
 */
export function scenarioFromShorthand(id: string, microgrids: readonly string[]): Scenario {
  if (id === "grid") return { id, links: [], involved: [...microgrids] };
  const members = id === "all" ? [...microgrids] : id.split("+");
  for (const m of members) {
    if (!microgrids.includes(m)) {
      throw new RangeError(`scenario "${id}": unknown microgrid "${m}" (known: ${microgrids.join(", ")})`);
    }
  }
  if (new Set(members).size !== members.length || members.length < 2) {
    throw new RangeError(`scenario "${id}": needs two or more distinct microgrids joined by "+"`);
  }
  return { id, links: completeGraph(members), involved: members };
}

function completeGraph(members: readonly string[]): [string, string][] {
  const links: [string, string][] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) links.push([members[i]!, members[j]!]);
  }
  return links;
}

/**
 * Connected components of the link graph, as arrays of microgrid indices in ascending order;
 * components are ordered by their smallest index. Isolated microgrids form singletons.
 */
export function components(microgrids: readonly string[], links: readonly [string, string][]): number[][] {
  const parent = microgrids.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [a, b] of links) {
    const ia = microgrids.indexOf(a);
    const ib = microgrids.indexOf(b);
    if (ia < 0 || ib < 0) throw new RangeError(`link ${a}-${b}: unknown microgrid`);
    const ra = find(ia);
    const rb = find(ib);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < microgrids.length; i++) {
    const r = find(i);
    const list = byRoot.get(r) ?? [];
    list.push(i);
    byRoot.set(r, list);
  }
  return [...byRoot.values()].sort((x, y) => x[0]! - y[0]!);
}
