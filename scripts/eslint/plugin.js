// The repository's architecture rules for ESLint: "arch/layers" (imports point down the layers of
// docs/architecture.md) and "arch/no-cycle" (no import cycles). See layers.js and no-cycle.js.
import layers from "./layers.js";
import noCycle from "./no-cycle.js";

export default {
  meta: { name: "arch" },
  rules: { layers, "no-cycle": noCycle },
};
