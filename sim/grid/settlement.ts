// Settlement of one period: what each agent bought, sold, paid and received, on actual energy.
//
// Assumptions and units (Wh, p/kWh, pence):
// - An agent's order quantity is its forecast net energy. Its order is settled in full: the
//   level-1 fill at the agent's own level-1 trade price (its microgrid's MCP under a uniform-price
//   auction; a mechanism may price members differently), and the residual at the microgrid's
//   uniform corrected price (which already blends netted, level-2 and main-grid energy; level-2
//   energy at the microgrid's P2 from the configured inter-microgrid process, routing.ts).
// - The residual's split into peer energy (netted inside the microgrid or traded at level 2) and
//   main-grid energy is pro rata within the microgrid, consistent with the uniform correction
//   (every member's residual Wh is the same mix).
// - A forecast error (actual net minus forecast) is settled with the main grid: a shortfall is
//   imported at Pgb, an excess exported at Pgs. It is reported separately as imbalance.
// - Money in pence: Wh x (p/kWh) / 1000.
import { BUY, SELL, type MarketLimits } from "../market/index.js";
import { peerEnergy, peerWorth, type Level1Outcome, type RoutingOutcome } from "./routing.js";

/** One period's per-agent settlement; arrays indexed by dense agent id. */
export interface AgentSettlement {
  boughtWh: Float64Array;
  soldWh: Float64Array;
  paidP: Float64Array;
  receivedP: Float64Array;
  /** Energy bought from / sold to other agents: level 1 plus the netted and level-2 share of the residual. */
  peerBoughtWh: Float64Array;
  peerSoldWh: Float64Array;
  peerPaidP: Float64Array;
  peerReceivedP: Float64Array;
  /** Main-grid energy of the order (level 3), excluding imbalance. */
  gridBoughtWh: Float64Array;
  gridSoldWh: Float64Array;
  /** Forecast-error energy settled with the main grid. */
  imbalanceImportWh: Float64Array;
  imbalanceExportWh: Float64Array;
}

export function createSettlement(agents: number): AgentSettlement {
  const f = () => new Float64Array(agents);
  return {
    boughtWh: f(),
    soldWh: f(),
    paidP: f(),
    receivedP: f(),
    peerBoughtWh: f(),
    peerSoldWh: f(),
    peerPaidP: f(),
    peerReceivedP: f(),
    gridBoughtWh: f(),
    gridSoldWh: f(),
    imbalanceImportWh: f(),
    imbalanceExportWh: f(),
  };
}

// Zero energy costs nothing, even where no price was published (NaN).
const pence = (wh: number, pricePerKwh: number): number => (wh === 0 ? 0 : (wh * pricePerKwh) / 1000);

/**
 * Settles every agent for one period into `out` (overwritten). `forecastNet` and `actualNet` are
 * each agent's net production (Wh, positive = surplus); the level-1 fill is paid at the agent's
 * `level1.tradePrice`.
 */
export function settlePeriod(
  level1: Level1Outcome,
  routing: RoutingOutcome,
  forecastNet: Float64Array,
  actualNet: Float64Array,
  limits: MarketLimits,
  out: AgentSettlement,
): void {
  for (let a = 0; a < level1.side.length; a++) {
    const m = level1.microgridOf[a]!;
    const fill = level1.fill[a]!;
    const price = level1.tradePrice[a]!;
    const residual = level1.quantity[a]! - fill;
    let bought = 0;
    let sold = 0;
    let paid = 0;
    let received = 0;
    let peerBought = 0;
    let peerSold = 0;
    let peerPaid = 0;
    let peerReceived = 0;
    let gridBought = 0;
    let gridSold = 0;
    if (level1.side[a] === BUY) {
      // The microgrid's peer energy and its value (routing.ts peerValue), without an object per agent.
      const peerWh = residual > 0 ? peerEnergy(routing, m, BUY) : 0;
      const share = residual > 0 ? peerWh / routing.residualBuy[m]! : 0;
      bought = fill + residual;
      paid = pence(fill, price) + pence(residual, routing.correctedBuy[m]!);
      peerBought = fill + residual * share;
      peerPaid =
        pence(fill, price) +
        (share > 0 ? (residual * share * (peerWorth(routing, m, BUY) / peerWh)) / 1000 : 0);
      gridBought = residual * (1 - share);
    } else if (level1.side[a] === SELL) {
      const peerWh = residual > 0 ? peerEnergy(routing, m, SELL) : 0;
      const share = residual > 0 ? peerWh / routing.residualSell[m]! : 0;
      sold = fill + residual;
      received = pence(fill, price) + pence(residual, routing.correctedSell[m]!);
      peerSold = fill + residual * share;
      peerReceived =
        pence(fill, price) +
        (share > 0 ? (residual * share * (peerWorth(routing, m, SELL) / peerWh)) / 1000 : 0);
      gridSold = residual * (1 - share);
    }
    const imbalance = actualNet[a]! - forecastNet[a]!;
    const imbalanceImport = imbalance < 0 ? -imbalance : 0;
    const imbalanceExport = imbalance > 0 ? imbalance : 0;
    out.boughtWh[a] = bought + imbalanceImport;
    out.soldWh[a] = sold + imbalanceExport;
    out.paidP[a] = paid + pence(imbalanceImport, limits.pgb);
    out.receivedP[a] = received + pence(imbalanceExport, limits.pgs);
    out.peerBoughtWh[a] = peerBought;
    out.peerSoldWh[a] = peerSold;
    out.peerPaidP[a] = peerPaid;
    out.peerReceivedP[a] = peerReceived;
    out.gridBoughtWh[a] = gridBought;
    out.gridSoldWh[a] = gridSold;
    out.imbalanceImportWh[a] = imbalanceImport;
    out.imbalanceExportWh[a] = imbalanceExport;
  }
}
