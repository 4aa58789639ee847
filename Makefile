# p2p-energy-sim — the README's commands.
SHELL := /bin/bash
NODE_TS := node --import tsx
TESTS = $(shell find test -name '*.test.ts' | LC_ALL=C sort)

.PHONY: setup browser build test typecheck lint format guard unit bench reproduce readings clean golden gas schema scale conformance ledger-doc

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

# dist/: the compiled model and CLI that bin/p2psim.js runs and `npm pack` ships. Rebuilt from
# scratch when a file or folder under sim/ or experiments/ (or the build's config) is newer.
DIST := dist/experiments/cli/main.js
BUILD_INPUTS = $(shell find sim experiments) tsconfig.json tsconfig.build.json scripts/build.mjs

$(DIST): $(BUILD_INPUTS) | node_modules/.package-lock.json
	node scripts/build.mjs

build: $(DIST)

setup: node_modules/.package-lock.json $(DIST)

test: setup browser typecheck lint guard unit

# Headless Chromium for the report's browser test: installed with apt-get when missing and running
# as root, otherwise one line with the command to run.
browser:
	bash scripts/ensure-chromium.sh

typecheck: setup
	npx tsc --noEmit -p tsconfig.json

lint: setup
	npx eslint .
	npx prettier --check .

format: setup
	npx prettier --write .

guard:
	bash scripts/guard-determinism.sh

# test/experiments/cli.test.ts and test/package/ run the compiled CLI and package.
unit: setup $(DIST)
	$(NODE_TS) --test --test-reporter=spec $(TESTS)

bench: setup
	$(NODE_TS) bench/run.ts
	$(NODE_TS) bench/summary.ts

# The README's main command: installs if needed, then reproduces the paper into results/paper/:
# the synthetic and the measured week, 10 seeds each, and a reduced readings map.
reproduce: setup
	node bin/p2psim.js reproduce --out results/paper

# The full readings map (every reading the paper's text allows, 5 seeds each) into results/readings/,
# and docs/fidelity.md written from it.
readings: setup
	node bin/p2psim.js readings --out results/readings --doc docs/fidelity.md

# Measures the EVM gas of contracts/UniformDoubleAuction.sol; rewrites sim/ledger/ethereum-gas.json
# and results/gas/gas.arrow.
gas: setup
	$(NODE_TS) experiments/gas/measure.ts

# Scalability study of the whole world under every registered ledger (instant confirmation "ideal"
# among them; docs/scale.md). MAX_AGENTS caps the sweep (default 10,000, some ten minutes; 1000000
# runs it to 2,000 x 500 agents, several hours for all the ledgers); SCALE_ARGS passes e.g. --resume
# (reuse finished cells), --ledgers ideal,ethereum or --battery-share 0.5 (every cell also with batteries).
MAX_AGENTS ?= 10000
SCALE_ARGS ?=
scale: setup
	$(NODE_TS) experiments/scale/run.ts --max-agents $(MAX_AGENTS) $(SCALE_ARGS)

# Every registered bidder under every registered mechanism on the Smith schedules: efficiency,
# Smith's alpha, price error and rounds (docs/market.md quotes the table).
conformance: setup
	$(NODE_TS) experiments/conformance/run.ts

# Rewrites the model figures of docs/ledger.md from a run of the paper config on every ledger (a few
# seconds); test/experiments/ledger-doc.test.ts fails while they differ.
ledger-doc: setup
	$(NODE_TS) experiments/io/ledger-doc.ts

# Regenerates experiments/schema.json from the config validator.
schema: setup
	$(NODE_TS) experiments/config/write-schema.ts

clean:
	rm -rf results/*/ node_modules/.cache .tmp dist

# Regenerates the golden results of test/grid/golden.test.ts after a deliberate model change.
golden: setup
	UPDATE_GOLDEN=1 $(NODE_TS) --test test/grid/golden.test.ts
