// Reads and validates a config file; every problem becomes an InputError naming the file and field.
import { z } from "zod";
import { InputError } from "../cli/errors.js";
import { readJsonFile } from "../io/json.js";
import { checkLedgerOverrides } from "./overrides.js";
import { runConfigSchema, type RunConfig } from "./schema.js";

/** Validates `data` (from `source`) into a resolved RunConfig. */
export function parseRunConfig(data: unknown, source: string): RunConfig {
  const result = runConfigSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
      return `field "${field}": ${issue.message}`;
    });
    throw new InputError(`${source}: ${lines.join("; ")}`);
  }
  checkLedgerOverrides(result.data, source);
  return result.data;
}

export function loadRunConfig(path: string): RunConfig {
  return parseRunConfig(readJsonFile(path), path);
}

/** The JSON Schema published for editors (experiments/schema.json). */
export function runConfigJsonSchema(): unknown {
  return z.toJSONSchema(runConfigSchema, { io: "input" });
}
