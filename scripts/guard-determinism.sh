#!/usr/bin/env bash
# Fails when model code under sim/ reads the wall clock or global randomness.
# Determinism is a feature: every draw comes from a named seeded stream and
# every time is simulated time.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='Math\.random|Date\.now|new Date\(|performance\.now|process\.hrtime'
if hits=$(grep -rnE "$pattern" sim --include='*.ts' | grep -vE '^[^:]+:[0-9]+:\s*(//|\*)'); then
  echo "determinism guard: model code under sim/ uses the clock or global randomness:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "determinism guard: sim/ is clean"
