// Writes experiments/schema.json from the validator (`make schema`); a test keeps them in sync.
import { fileURLToPath } from "node:url";
import { jsonText, writeFileAtomic } from "../io/atomic.js";
import { runConfigJsonSchema } from "./load.js";

export const SCHEMA_PATH = fileURLToPath(new URL("../schema.json", import.meta.url));

export function schemaText(): string {
  return jsonText(runConfigJsonSchema());
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  writeFileAtomic(SCHEMA_PATH, schemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
