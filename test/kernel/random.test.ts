// Seeded streams: reproducibility, independence between named streams, and distributions that
// match their parameters.
//
// Distribution checks use N = 200,000 draws from a fixed seed and a tolerance of about five
// standard errors of the statistic (computed in each test). The seed is fixed, so the tests are
// deterministic; five standard errors means a correct sampler passes for all but ~1 in 10^6
// seeds, while a wrong parameterisation (e.g. rate taken as mean, sd as variance) is off by
// hundreds of standard errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mean, median, standardDeviation, variance } from "simple-statistics";
import { RandomStream, Streams, lognormalFromMean } from "../../sim/kernel/random.js";

const N = 200_000;
const SEED = 20_240_601;

function draws(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

function stream(name: string, seed: number | string = SEED): RandomStream {
  return new Streams(seed).get(name);
}

/** Asserts |actual - expected| <= tolerance, naming the quantity on failure. */
function near(what: string, actual: number, expected: number, tolerance: number): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} not within ${tolerance} of ${expected}`,
  );
}

// --- reproducibility and independence ---------------------------------------------------------

test("the same (seed, name) gives the same sequence from separate Streams objects", () => {
  const a = stream("market/bids");
  const b = stream("market/bids");
  assert.deepEqual(
    draws(100, () => a.random()),
    draws(100, () => b.random()),
  );
});

test("a stream's draws do not depend on other streams being created or used first", () => {
  const alone = new Streams(SEED);
  const expected = draws(100, () => alone.get("agent/7").random());
  const busy = new Streams(SEED);
  for (let i = 0; i < 10; i++) draws(1_000, () => busy.get(`agent/${i === 7 ? 8 : i}`).normal());
  assert.deepEqual(
    draws(100, () => busy.get("agent/7").random()),
    expected,
  );
});

test("draws are interleaving-independent: alternating two streams gives each its own sequence", () => {
  const s = new Streams(SEED);
  const mixed: number[] = [];
  for (let i = 0; i < 50; i++) mixed.push(s.get("x").random(), s.get("y").random());
  const x = stream("x");
  assert.deepEqual(
    mixed.filter((_, i) => i % 2 === 0),
    draws(50, () => x.random()),
  );
});

test("different names give different sequences", () => {
  const a = stream("agent/1");
  const b = stream("agent/2");
  assert.notDeepEqual(
    draws(10, () => a.random()),
    draws(10, () => b.random()),
  );
});

test("different seeds give different sequences for the same name", () => {
  const a = stream("agent/1", 1);
  const b = stream("agent/1", 2);
  assert.notDeepEqual(
    draws(10, () => a.random()),
    draws(10, () => b.random()),
  );
});

test("seed and name are separated: (1, '2/x') and (12, '/x') differ", () => {
  const a = stream("2/x", 1);
  const b = stream("/x", 12);
  assert.notDeepEqual(
    draws(10, () => a.random()),
    draws(10, () => b.random()),
  );
});

test("get returns the same stream object for a name, so its sequence continues", () => {
  const s = new Streams(SEED);
  assert.equal(s.get("a"), s.get("a"));
});

test("fresh restarts a name's sequence from the beginning", () => {
  const s = new Streams(SEED);
  const first = draws(20, () => s.get("a").random());
  const f = s.fresh("a");
  assert.deepEqual(
    draws(20, () => f.random()),
    first,
  );
});

test("a normal draw consumes exactly two uniforms", () => {
  const a = stream("n");
  const b = stream("n");
  a.normal();
  b.random();
  b.random();
  assert.equal(a.random(), b.random());
});

// --- distributions ----------------------------------------------------------------------------

test("random() lies in [0, 1)", () => {
  const s = stream("u");
  const xs = draws(N, () => s.random());
  assert.ok(
    xs.every((x) => x >= 0 && x < 1),
    "a draw outside [0, 1)",
  );
});

test("uniform(a, b) has mean (a + b) / 2", () => {
  const s = stream("uniform");
  const xs = draws(N, () => s.uniform(2, 5));
  // sd = 3 / sqrt(12) = 0.866; SE of the mean = 0.866 / sqrt(N) = 0.0019.
  near("mean", mean(xs), 3.5, 5 * 0.0019);
});

test("uniform(a, b) has variance (b - a)^2 / 12", () => {
  const s = stream("uniform");
  const xs = draws(N, () => s.uniform(2, 5));
  // Var[(X - mu)^2] = (b - a)^4 / 80 - ((b - a)^2 / 12)^2 = 0.45; SE = sqrt(0.45 / N) = 0.0015.
  near("variance", variance(xs), 0.75, 5 * 0.0015);
});

test("uniform(a, b) stays in [a, b)", () => {
  const s = stream("uniform");
  assert.ok(draws(N, () => s.uniform(-3, -1)).every((x) => x >= -3 && x < -1));
});

test("int(min, max) covers min and max inclusive and nothing outside", () => {
  const s = stream("int");
  const seen = new Set(draws(10_000, () => s.int(1, 6)));
  assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6]);
});

test("int(min, max) is roughly uniform (chi-square, 5 degrees of freedom)", () => {
  const s = stream("int");
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < N; i++) counts[s.int(1, 6) - 1]!++;
  const expected = N / 6;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  // P(chi2_5 > 25.7) = 1e-4.
  assert.ok(chi2 < 25.7, `chi-square ${chi2} for counts ${counts.join(", ")}`);
});

test("int(a, a) always returns a", () => {
  const s = stream("int");
  assert.ok(draws(1_000, () => s.int(-4, -4)).every((x) => x === -4));
});

test("normal(mean, sd) has the given mean", () => {
  const s = stream("normal");
  const xs = draws(N, () => s.normal(10, 2));
  // SE of the mean = 2 / sqrt(N) = 0.0045.
  near("mean", mean(xs), 10, 5 * 0.0045);
});

test("normal(mean, sd) has the given standard deviation", () => {
  const s = stream("normal");
  const xs = draws(N, () => s.normal(10, 2));
  // SE of the sd = sd / sqrt(2N) = 0.0032.
  near("sd", standardDeviation(xs), 2, 5 * 0.0032);
});

test("normal() defaults to the standard normal: 95% of draws within 1.96 sd", () => {
  const s = stream("normal");
  const inside = draws(N, () => s.normal()).filter((x) => Math.abs(x) < 1.959964).length / N;
  // SE of a proportion p = 0.95: sqrt(p (1 - p) / N) = 0.00049.
  near("coverage", inside, 0.95, 5 * 0.00049);
});

test("exponential(rate) has mean 1 / rate", () => {
  const s = stream("exponential");
  const xs = draws(N, () => s.exponential(0.5));
  // sd = mean = 2; SE = 2 / sqrt(N) = 0.0045.
  near("mean", mean(xs), 2, 5 * 0.0045);
});

test("exponential(rate) is memoryless in the tail: P(X > 2/rate) = e^-2", () => {
  const s = stream("exponential");
  const tail = draws(N, () => s.exponential(4)).filter((x) => x > 0.5).length / N;
  // SE of a proportion p = 0.1353: sqrt(p (1 - p) / N) = 0.00077.
  near("tail", tail, Math.exp(-2), 5 * 0.00077);
});

test("lognormal(mu, sigma) has median e^mu", () => {
  const s = stream("lognormal");
  const xs = draws(N, () => s.lognormal(1, 0.5));
  // Density at the median m = e: 1 / (m sigma sqrt(2 pi)) = 0.2935; SE = 1 / (2 f sqrt(N)) = 0.0038.
  near("median", median(xs), Math.E, 5 * 0.0038);
});

test("lognormal(mu, sigma) has mean e^(mu + sigma^2 / 2)", () => {
  const s = stream("lognormal");
  const xs = draws(N, () => s.lognormal(1, 0.5));
  // sd = sqrt((e^0.25 - 1) e^2.25) = 1.64; SE = 1.64 / sqrt(N) = 0.0037.
  near("mean", mean(xs), Math.exp(1.125), 5 * 0.0037);
});

test("lognormalFromMean gives a log-normal with that mean", () => {
  const { mu, sigma } = lognormalFromMean(3, 0.4);
  const s = stream("lognormal");
  const xs = draws(N, () => s.lognormal(mu, sigma));
  // sd = cv * mean = 1.2; SE = 1.2 / sqrt(N) = 0.0027.
  near("mean", mean(xs), 3, 5 * 0.0027);
});

test("lognormalFromMean gives a log-normal with that coefficient of variation", () => {
  const { mu, sigma } = lognormalFromMean(3, 0.4);
  const s = stream("lognormal");
  const xs = draws(N, () => s.lognormal(mu, sigma));
  // A skewed variable's sample sd converges more slowly: SE(sd) ~ sd sqrt((kurtosis - 1) / 4N), with
  // kurtosis e^(4s^2) + 2e^(3s^2) + 3e^(2s^2) - 3 = 5.97 (s^2 = ln 1.16), so 0.0030 on the sd and
  // 0.0011 on the cv (the mean's error adds little).
  near("cv", standardDeviation(xs) / mean(xs), 0.4, 5 * 0.0011);
});

test("bernoulli(p) is true with probability p", () => {
  const s = stream("bernoulli");
  const share = draws(N, () => Number(s.bernoulli(0.3))).reduce((a, b) => a + b, 0) / N;
  // SE = sqrt(0.3 * 0.7 / N) = 0.001.
  near("share", share, 0.3, 5 * 0.001);
});

test("bernoulli(0) is never true and bernoulli(1) always", () => {
  const s = stream("bernoulli");
  const zeros = draws(1_000, () => Number(s.bernoulli(0)));
  const ones = draws(1_000, () => Number(s.bernoulli(1)));
  assert.deepEqual([Math.max(...zeros), Math.min(...ones)], [0, 1]);
});

// --- bad parameters ---------------------------------------------------------------------------

const s = stream("bad");
const badCalls: [string, () => unknown][] = [
  ["uniform with min > max", () => s.uniform(5, 2)],
  ["uniform with NaN", () => s.uniform(0, NaN)],
  ["int with a fractional bound", () => s.int(1.5, 3)],
  ["int with min > max", () => s.int(5, 1)],
  ["int with an unsafe bound", () => s.int(0, 2 ** 53)],
  ["normal with negative sd", () => s.normal(0, -1)],
  ["normal with NaN sd", () => s.normal(0, NaN)],
  ["exponential with rate 0", () => s.exponential(0)],
  ["exponential with negative rate", () => s.exponential(-1)],
  ["exponential with NaN rate", () => s.exponential(NaN)],
  ["lognormal with negative sigma", () => s.lognormal(0, -0.1)],
  ["bernoulli with p > 1", () => s.bernoulli(1.5)],
  ["bernoulli with p < 0", () => s.bernoulli(-0.1)],
  ["lognormalFromMean with mean 0", () => lognormalFromMean(0, 0.3)],
  ["lognormalFromMean with negative cv", () => lognormalFromMean(1, -0.3)],
  ["Streams with a fractional seed", () => new Streams(1.5)],
];
for (const [what, call] of badCalls) {
  test(`bad parameters throw a RangeError: ${what}`, () => {
    assert.throws(call, RangeError);
  });
}
