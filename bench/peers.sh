#!/usr/bin/env bash
# `bin/bench peers [--dry-run] [bin/bench options for the voting row]`: Byline beside its
# peers in one run. It runs the team's shared harness (../shared/peers-bench/, not part of
# this repository: its README says what it installs and measures) with its Byline hook for this
# checkout: nginx static, WordPress and Isso, and Byline's rows from the hook (the article page
# rendered, from the page cache and through the proxy; the next page rendered and from the page
# cache; posting). The hook has no voting row, so voting is then measured by bin/bench's own
# scenario (`python -m bench.run --only voting`: locust, 10 users, each vote through the vote
# button's request from an address of its own) on each database the hook ran, and its table
# goes into the same results folder as byline-voting.txt and .json. That row differs from the
# hook's in three ways, said here so that no one compares it blindly: locust, not wrk; 10 users,
# not 1, 10 and 50 connections; and bin/bench's database and 200-comment article, not the
# peers' (see bench/run.py for its settings). The guest with the script is measured the same
# way, after the voting (`--only guest`: wrk rows of bin/bench, into byline-guest.txt and .json).
#
# --dry-run prints the commands instead of running them. Knobs: PEERS_BENCH_DIR (the harness;
# found at ../shared/peers-bench from the checkout or its parent otherwise), BYLINE_PORT
# (18095: the hook uses it to +4), BYLINE_DBS, PEERS_STATE, PEERS_HOOK (another Byline hook than
# the harness's byline_hook.sh, e.g. one brought up to date with Byline's modules) and the
# harness's own (its README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dry=
if [ "${1:-}" = --dry-run ]; then dry=1; shift; fi
run() { if [ -n "$dry" ]; then printf '%q ' "$@"; echo; else "$@"; fi; }

peers_dir="${PEERS_BENCH_DIR:-}"
for candidate in "$ROOT/../shared/peers-bench" "$ROOT/../../shared/peers-bench"; do
    [ -z "$peers_dir" ] && [ -f "$candidate/run_all.sh" ] && peers_dir="$(cd "$candidate" && pwd)"
done
[ -n "$peers_dir" ] && [ -f "$peers_dir/byline_hook.sh" ] || {
    echo "The peers' harness is not at ../shared/peers-bench: set PEERS_BENCH_DIR" >&2
    exit 1
}
# run_all.sh writes to $PEERS_STATE/results/<UTC time>/ (its env.sh's default state folder).
results="${PEERS_STATE:-${TMPDIR:-/tmp}/peers-bench}/results"
newest() { { ls -1d "$results"/*/ 2>/dev/null || true; } | sort | tail -n 1; }
before="$(newest)"

run env BYLINE_PORT="${BYLINE_PORT:-18095}" BYLINE_DIR="$ROOT" \
    PEERS_HOOK="${PEERS_HOOK:-$peers_dir/byline_hook.sh}" bash "$peers_dir/run_all.sh"

out="$(newest)"
if [ -n "$dry" ]; then
    out="$results/<UTC time of the run>/"
elif [ -z "$out" ] || [ "$out" = "$before" ]; then
    echo "The peers' run left no new results folder in $results" >&2
    exit 1
fi
out="${out%/}"

# Voting on the databases the hook measured (postgres-ps50 is postgres again, reads only).
databases="${BYLINE_DBS:-postgres sqlite}"
case " $databases " in
    *" postgres"*" sqlite "* | *" sqlite "*" postgres"*) voting_on=both ;;
    *" postgres"*) voting_on=postgres ;;
    *) voting_on=sqlite ;;
esac
# bin/bench's own scenario NAME (--only) on the databases the hook measured, into the results.
only() {
    local name=$1
    shift
    if [ -n "$dry" ]; then
        run python -m bench.run --only "$name" --database "$voting_on" --results "$out/byline-$name.json" "$@"
    else
        python -m bench.run --only "$name" --database "$voting_on" --results "$out/byline-$name.json" "$@" \
            | tee "$out/byline-$name.txt"
    fi
}
echo
echo "Voting (bin/bench's locust scenario, on $voting_on; see bench/peers.sh for how it differs)"
only voting "$@"
# The guest with the script (the shared page and what the script asks for on it), which the
# hook does not measure either: bin/bench's wrk rows.
echo
echo "A guest with the script (bin/bench's wrk rows, on $voting_on)"
only guest "$@"

echo
run python3 "$peers_dir/summarize.py" "$out"
echo
echo "Results folder: $out"
