#!/usr/bin/env bash
# Long fuzz runs of TargetCast's readers (libFuzzer + AddressSanitizer).
#
#   fuzz/run.sh HARNESS [RUNS] [extra libFuzzer flags…]
#   fuzz/run.sh all [RUNS]           # every harness, one after another
#
# HARNESS: FuzzScenario, FuzzSeriesCSV, FuzzShardFile or FuzzRunFolder. RUNS: executions
# (default 1000000). Crashes are written to fuzz/crashes/HARNESS/; copy each into
# Tests/FuzzRegressions/HARNESS/ once it is fixed. New interesting inputs go to
# fuzz/.work/HARNESS/ (not committed); fuzz/corpus/HARNESS/ is only read.
set -euo pipefail
cd "$(dirname "$0")"
harness=${1:?usage: fuzz/run.sh HARNESS|all [RUNS] [libFuzzer flags]}
runs=${2:-1000000}
shift $(( $# >= 2 ? 2 : 1 ))
if [ "$harness" = all ]; then
  for h in FuzzScenario FuzzSeriesCSV FuzzShardFile FuzzRunFolder; do "$0" "$h" "$runs" "$@"; done
  exit 0
fi
# `--sanitize=fuzzer` tells SwiftPM that libFuzzer supplies main. swiftc keeps only the last
# -sanitize= flag it is given, so AddressSanitizer goes in a later flag naming both
# (`--sanitize=fuzzer --sanitize=address` builds without AddressSanitizer).
# SANITIZE=fuzzer builds without AddressSanitizer (into .build-fuzz-plain): Swift's own bounds and
# overflow checks still trap, and inputs that allocate a lot (shard files) run several times faster.
sanitize=${SANITIZE:-fuzzer,address}
scratch=.build-fuzz
if [ "$sanitize" = fuzzer ]; then scratch=.build-fuzz-plain; fi
flags=(-c release --scratch-path "$scratch" --sanitize=fuzzer -Xswiftc -sanitize="$sanitize")
swift build "${flags[@]}" --product "$harness"
bin=$(swift build "${flags[@]}" --show-bin-path)/$harness
mkdir -p ".work/$harness" "crashes/$harness"
# Without this the Swift runtime's backtracer turns a crash into SIGILL before libFuzzer can
# save the input.
export SWIFT_BACKTRACE=enable=no
# No allocation stack traces: AddressSanitizer then spends its time on checks, not on unwinding.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
# The largest seed (a three-shard set) is about 150 kB.
exec "$bin" ".work/$harness" "corpus/$harness" -runs="$runs" -max_len=200000 -rss_limit_mb=4096 \
  -artifact_prefix="crashes/$harness/" -print_final_stats=1 "$@"
