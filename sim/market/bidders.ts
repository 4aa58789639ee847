// The bidder registry and its built-in plugins. A user registers their own with
// `bidders.register(plugin)` before building a model; a config names one by `market.bidder`.
import { Registry } from "../kernel/registry.js";
import { aaPlugin } from "./aa.js";
import type { BidderPlugin } from "./bidder.js";
import { zicPlugin } from "./zic.js";
import { zipPlugin } from "./zip.js";

export const bidders = new Registry<BidderPlugin>("bidder");
bidders.register(aaPlugin());
bidders.register(zicPlugin);
bidders.register(zipPlugin);
