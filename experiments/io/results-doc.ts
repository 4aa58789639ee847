// The column tables of docs/results.md, generated from the result schema (sim/metrics/schema.ts),
// the reproduction's tables (experiments/readings/schema.ts) and the bench suite's
// (experiments/bench/schema.ts):
// `node --import tsx experiments/io/results-doc.ts` rewrites the section between the markers, and a
// test fails while the doc and the schema disagree.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEVICE_TABLES, TABLES, type ArrowType, type TableDef } from "../../sim/metrics/index.js";
import { writeFileAtomic } from "./atomic.js";
import { EXPERIMENT_TABLES } from "../readings/schema.js";
import { BENCH_TABLES } from "../bench/schema.js";

export const RESULTS_DOC = fileURLToPath(new URL("../../docs/results.md", import.meta.url));

const BEGIN =
  "<!-- columns: generated from sim/metrics/schema.ts by `node --import tsx experiments/io/results-doc.ts`; do not edit by hand -->";
const END = "<!-- end of generated columns -->";

const TYPE_NAMES: Record<ArrowType, string> = {
  f64: "float64",
  i32: "int32",
  bool: "bool",
  timestamp: "timestamp[ms, UTC]",
  dict: "dictionary",
};

function tableMarkdown(table: TableDef): string {
  const rows = table.columns.map((c) => {
    const values = c.dictionary === undefined ? "" : ` (${c.dictionary.join(", ")})`;
    const nullable = c.nullable === true ? "yes" : "";
    return `| \`${c.name}\` | ${TYPE_NAMES[c.type]}${values} | ${nullable} | ${c.unit} | ${c.description} |`;
  });
  return [
    `### \`${table.file}\``,
    "",
    `One row per ${table.rowPer}.`,
    "",
    "| column | type | null | unit | description |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The generated section, markers included. */
export function columnsSection(
  tables: readonly TableDef[] = [...TABLES, ...DEVICE_TABLES, ...EXPERIMENT_TABLES, ...BENCH_TABLES],
): string {
  return [BEGIN, "", tables.map(tableMarkdown).join("\n\n"), "", END].join("\n");
}

/** `doc` with its generated section replaced by the current one. */
export function withColumnsSection(doc: string): string {
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error("docs/results.md: the generated columns markers are missing");
  return doc.slice(0, from) + columnsSection() + doc.slice(to + END.length);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  writeFileAtomic(RESULTS_DOC, withColumnsSection(readFileSync(RESULTS_DOC, "utf8")));
  process.stdout.write(`wrote ${RESULTS_DOC}\n`);
}
