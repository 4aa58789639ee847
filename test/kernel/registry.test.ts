import { test } from "node:test";
import assert from "node:assert/strict";
import { DuplicatePluginError, Registry, UnknownPluginError } from "../../sim/kernel/registry.js";

const plugin = (name: string) => ({ name, size: name.length });

test("a registry returns what was registered and lists names sorted, whatever the order", () => {
  const a = new Registry<{ name: string; size: number }>("thing");
  const b = new Registry<{ name: string; size: number }>("thing");
  for (const n of ["zeta", "alpha", "mid"]) a.register(plugin(n));
  for (const n of ["mid", "zeta", "alpha"]) b.register(plugin(n));
  assert.deepEqual(a.names(), ["alpha", "mid", "zeta"]);
  assert.deepEqual(a.names(), b.names());
  assert.equal(a.get("mid").size, 3);
});

test("an unknown name is an error naming it and the known ones", () => {
  const r = new Registry<{ name: string }>("bidder");
  r.register({ name: "aa" });
  assert.throws(
    () => r.get("gd"),
    (e: unknown) => e instanceof UnknownPluginError && e.message === 'unknown bidder "gd" (known: aa)',
  );
});

test("a second plugin under a name is refused unless it says it replaces the first", () => {
  const r = new Registry<{ name: string; v: number }>("mechanism");
  r.register({ name: "uniform", v: 1 });
  assert.throws(() => r.register({ name: "uniform", v: 2 }), DuplicatePluginError);
  r.register({ name: "uniform", v: 2 }, { replace: true });
  assert.equal(r.get("uniform").v, 2);
  assert.equal(r.unregister("uniform"), true);
  assert.equal(r.has("uniform"), false);
});

test("names that are not identifiers, and plugins the registry's check refuses, are not registered", () => {
  const r = new Registry<{ name: string; ok: boolean }>("ledger", (p) => {
    if (!p.ok) throw new RangeError(`${p.name}: not ok`);
  });
  for (const name of ["", "a b", "../x", "-x"])
    assert.throws(() => r.register({ name, ok: true }), RangeError, name);
  assert.throws(() => r.register({ name: "bad", ok: false }), /bad: not ok/);
  assert.deepEqual(r.names(), []);
});
