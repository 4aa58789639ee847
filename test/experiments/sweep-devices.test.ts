// A sweep over the devices merges the device tables of its cells beside the result tables.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { loadSweep } from "../../experiments/sweep/cells.js";
import { runSweep } from "../../experiments/sweep/run-sweep.js";
import { OPTIONAL_TABLES } from "../../experiments/sweep/merge.js";

const root = mkdtempSync(join(tmpdir(), "p2psim-sweep-devices-"));

async function sweepWith(devices: unknown, name: string, vary: Record<string, unknown[]>) {
  const file = join(root, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      base: {
        ledgers: ["ideal"],
        scenarios: ["all"],
        profiles: { source: "synthetic", preset: "paper", days: 1 },
        ...(devices === undefined ? {} : { devices }),
      },
      vary,
    }),
  );
  const out = join(root, name);
  await runSweep(loadSweep(file), { out, jobs: 1 });
  return out;
}

test("the device tables of every cell are merged with the cell as a leading column", async () => {
  const out = await sweepWith({ battery: { share: 0.5 } }, "with", { "devices.battery.share": [0.2, 0.6] });
  for (const name of OPTIONAL_TABLES) {
    const merged = tableFromIPC(readFileSync(join(out, name)));
    const cells = new Set(merged.getChild("cell")!.toArray() as string[]);
    assert.equal(cells.size, 2, name);
    const single = tableFromIPC(readFileSync(join(out, "cells", [...cells][0]!, name)));
    const own = (merged.getChild("cell")!.toArray() as string[]).filter((c) => c === [...cells][0]).length;
    assert.equal(own, single.numRows, `${name}: the first cell's rows`);
  }
});

test("a sweep without devices writes no device tables", async () => {
  const out = await sweepWith(undefined, "without", { seed: [1, 2] });
  for (const name of OPTIONAL_TABLES) assert.equal(existsSync(join(out, name)), false, name);
});
