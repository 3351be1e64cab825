#!/usr/bin/env bash
# Regenerates the golden files of SamplesReportTests from the current binary. Review the diff
# (git diff Tests/EndToEndTests/Golden) before committing: the oracle test must still pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build
out=Tests/EndToEndTests/Golden/samples
rm -rf "$out" && mkdir -p "$out"
.build/debug/shipkpi report samples --status-map samples/status-map.csv \
  --remittance samples/remittance/247express-remittance.csv \
  --remittance samples/remittance/247express-remittance-2026-03-27.csv \
  --as-of 2026-04-01T00:00:00Z --out "$out" --no-progress -q
rm -f "$out/.shipkpi.lock" "$out/report.html" "$out/report.xsd" "$out/run-timings.json"
echo "golden files written to $out"
