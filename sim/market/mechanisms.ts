// The mechanism registry and its built-in plugins. A user registers their own with
// `mechanisms.register(plugin)` before building a model; a config names one by `market.mechanism`.
import { Registry } from "../kernel/registry.js";
import { discriminatoryPlugin } from "./discriminatory.js";
import type { MechanismPlugin } from "./mechanism.js";
import { uniformPlugin } from "./uniform.js";

export const mechanisms = new Registry<MechanismPlugin>("mechanism");
mechanisms.register(uniformPlugin);
mechanisms.register(discriminatoryPlugin);
