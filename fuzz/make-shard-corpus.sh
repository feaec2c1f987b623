#!/usr/bin/env bash
# Rewrites the seed corpus of FuzzShardFile (fuzz/corpus/FuzzShardFile/*.json) with the current
# build. Shard files carry the plan, its SHA-256 and the state layout, so seeds written by an
# older build are refused by merge (a refusal the harness accepts, but then it starts from
# refusals only). Run it after a change to the plan's encoding or the shard state:
#   fuzz/make-shard-corpus.sh [path/to/targetcast]
# Each seed is one run's shards joined by a line "%%" (how FuzzShardInput splits its input).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
if [[ -z "$bin" ]]; then
  (cd "$root" && swift build --product targetcast >/dev/null)
  bin="$root/.build/debug/targetcast"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$root/fuzz/corpus/FuzzShardFile"

# One series, two years, an event, a ratio and a level target (as small as a shard gets).
cat >"$work/tiny.yaml" <<'YAML'
name: tiny
base_year: 2019
horizon: 2021
paths: 600
seed: 3
sensitivity_paths: 0
series:
  - {id: a, base: 100, growth: {distribution: normal, mean: 0.1, sd: 0.05}}
events:
  - {id: e, series: a, probability: 0.5, years: {2020: 1}, add_level: 10}
targets:
  - {name: a_doubles, series: a, ratio: 1.2, within: 2}
  - {name: a_level, series: a, at_least: 115, year: 2020}
YAML
# Every other target kind, so member counts and bands are in the state.
cat >"$work/kinds.yaml" <<'YAML'
name: kinds
base_year: 2019
horizon: 2021
paths: 600
seed: 5
sensitivity_paths: 0
series:
  - {id: a, base: 100, growth: {distribution: normal, mean: 0.1, sd: 0.05}}
  - {id: b, base: 50, growth: {distribution: lognormal, mean: 0.05, sd: 0.1}}
aggregates:
  - {id: t, members: all}
targets:
  - {name: ceiling, series: b, at_most: 55, by: 2021}
  - {name: band, series: a, between: [105, 125], year: 2021}
  - {name: yoy, series: t, yoy: 0.08, year: 2021}
  - {name: cagr, series: t, cagr: 0.06, year: 2021}
  - {name: two, at_least_k_of: 2, of: [ceiling, band, yoy]}
  - {name: all, all_of: [ceiling, band]}
YAML

# seed-name scenario shards [extra run options...]
seed() {
  local name=$1 scenario=$2 count=$3
  shift 3
  local dir="$work/$name" parts=()
  for ((i = 1; i <= count; i++)); do
    "$bin" run "$scenario" --shard "$i/$count" --output "$dir" --quiet "$@"
    parts+=("$dir/shard-$i-of-$count.json")
  done
  : >"$out/$name.json"
  for ((i = 0; i < count; i++)); do
    ((i > 0)) && printf '\n%%%%\n' >>"$out/$name.json"
    cat "${parts[$i]}" >>"$out/$name.json"
  done
  echo "wrote $out/$name.json ($count shard(s))"
}

rm -f "$out"/tiny-*.json "$out"/kinds-*.json
seed tiny-1-of-1 "$work/tiny.yaml" 1
seed tiny-antithetic-2 "$work/tiny.yaml" 2 --set variance_reduction=antithetic
seed tiny-one-year-3 "$work/tiny.yaml" 3 --set horizon=2020 --set 'targets.a_doubles.within=1'
seed kinds-2 "$work/kinds.yaml" 2
