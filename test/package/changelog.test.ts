// Release metadata: CHANGELOG.md has a section for package.json's version (or Unreleased), and
// CITATION.cff is a CFF 1.2.0 file whose version is package.json's, citing the software with the
// paper as a reference.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, root), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string; license: string; repository?: unknown };

test("CHANGELOG.md has a section for package.json's version or an Unreleased one", () => {
  const changelog = read("CHANGELOG.md");
  assert.match(changelog, /^# Changelog$/m);
  const sections = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
  assert.ok(
    sections.includes(pkg.version) || sections.includes("Unreleased"),
    `no "## [${pkg.version}]" or "## [Unreleased]" section (found: ${sections.join(", ")})`,
  );
  assert.match(changelog, /git tag v<version>/, "says how releases are tagged");
});

/** Top-level `key: value` pairs of a YAML file (enough for the scalar keys of CITATION.cff). */
function topLevel(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([a-z][a-z0-9-]*):\s*(.*)$/.exec(line);
    if (m) keys.set(m[1]!, m[2]!.replace(/^"(.*)"$/, "$1"));
  }
  return keys;
}

test("CITATION.cff has the keys CFF 1.2.0 requires, package.json's version and license", () => {
  const text = read("CITATION.cff");
  const keys = topLevel(text);
  for (const key of [
    "cff-version",
    "message",
    "title",
    "authors",
    "type",
    "version",
    "license",
    "date-released",
  ])
    assert.ok(keys.has(key), `CITATION.cff: missing "${key}"`);
  assert.equal(keys.get("cff-version"), "1.2.0");
  assert.equal(keys.get("type"), "software");
  assert.equal(keys.get("version"), pkg.version);
  assert.equal(keys.get("license"), pkg.license);
  assert.match(keys.get("date-released")!, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(text, /^authors:\n {2}- name: "p2p-energy-sim contributors"$/m);
  // No repository URL unless package.json names one.
  if (pkg.repository === undefined) assert.ok(!keys.has("repository-code"));
  // The paper is a reference, not the preferred citation.
  assert.ok(!keys.has("preferred-citation"));
  assert.match(text, /^references:\n {2}- type: conference-paper$/m);
  assert.match(text, /Peer-to-Peer Energy Trading meets IOTA/);
  assert.match(text, /arXiv:2210\.06427/);
  for (const name of ["Mullaney", "Aijaz", "Sealey", "Holden"])
    assert.match(text, new RegExp(`family-names: ${name}$`, "m"));
});
