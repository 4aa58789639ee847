// The inter-microgrid process registry and its built-in plugins. A user registers their own with
// `interMicrogridProcesses.register(plugin)` before building a model; a config names one by
// `market.interMicrogrid`.
import { Registry } from "../kernel/registry.js";
import { iteratedProcess } from "./iterated.js";
import type { InterMicrogridProcess } from "./level2.js";
import { oneShotProcess } from "./one-shot.js";

export const interMicrogridProcesses = new Registry<InterMicrogridProcess>("inter-microgrid process");
interMicrogridProcesses.register(oneShotProcess);
interMicrogridProcesses.register(iteratedProcess);
