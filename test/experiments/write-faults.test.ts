// Faults while writing a results folder: a full disk (an injected ENOSPC) leaves the old folder as
// it was and no temporary folder beside it, and says so in one line; what a killed write left
// beside a folder is removed by the next write.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../experiments/cli/errors.js";
import { writeFolder } from "../../experiments/io/folder.js";

const root = mkdtempSync(join(tmpdir(), "p2psim-write-faults-"));

function full(): never {
  throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
}

test("a full disk mid-write leaves the old folder untouched, no temporary folder, and one line", async () => {
  const dir = join(root, "full");
  await writeFolder(dir, (tmp) => writeFileSync(join(tmp, "a.txt"), "old"));
  await assert.rejects(
    writeFolder(dir, (tmp) => {
      writeFileSync(join(tmp, "a.txt"), "new, half written");
      full();
    }),
    (error: unknown) =>
      error instanceof InputError &&
      /full: cannot write the results: no space left on the device \(ENOSPC\); nothing was changed/.test(
        error.message,
      ),
  );
  assert.equal(readFileSync(join(dir, "a.txt"), "utf8"), "old");
  assert.deepEqual(
    readdirSync(root).filter((n) => n.startsWith(".full.")),
    [],
  );
});

test("what a killed write left beside a folder is removed by the next write", async () => {
  const dir = join(root, "killed");
  // A kill between the temporary folder's creation and the swap leaves it, half written.
  mkdirSync(join(root, ".killed.tmp-999-0-1"));
  writeFileSync(join(root, ".killed.tmp-999-0-1", "periods.arrow"), "partial");
  mkdirSync(join(root, ".killed.old-999-0-2"));
  await writeFolder(dir, (tmp) => writeFileSync(join(tmp, "a.txt"), "complete"));
  assert.equal(readFileSync(join(dir, "a.txt"), "utf8"), "complete");
  assert.deepEqual(
    readdirSync(root).filter((n) => n.startsWith(".killed.")),
    [],
  );
  assert.ok(!existsSync(join(dir, "periods.arrow")));
});
