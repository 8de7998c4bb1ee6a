#!/usr/bin/env bash
# Directory listings of growing size: `iterdemo http` under the units' heap (-Xmx64m, through
# packaging/iterdemo, as the units run it) beside `python3 -m http.server`, on the same directory of N entries
# with 206-character names (every other one with non-ASCII letters), as in issue 15.
#   for each N: status, page size, seconds for the whole page (curl), whether the bytes are Python's, peak RSS
#   of each server (VmHWM) and iterdemo's Java heap after the listings (jcmd GC.heap_info, when jcmd exists);
#   then 3 listings at once, and iterdemo's statuses for them (200, or 503 when they would go past the
#   listings' budget: the heap less 24 MiB).
#
#   bash bench/listing.sh [N...]        (default 25000 40000 150000; builds target/iterdemo.jar if missing)
#
# Needs python3 and curl. Servers listen on 127.0.0.1 only and are stopped on exit. Results: docs/http-mode.md.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(25000 40000 150000)
for tool in curl /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "bench/listing.sh: $tool is needed (apt-get install curl python3)" >&2; exit 69; }
done
[ -f target/iterdemo.jar ] || mvn -B -q package -DskipTests
export ITERDEMO_JAR=$PWD/target/iterdemo.jar

work=$(mktemp -d /tmp/iterdemo-listing-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# await_port FILE: the port in a "Serving HTTP on ... port N" line, once the server has printed it.
await_port() {
    for _ in $(seq 300); do
        if grep -qo 'port [0-9]*' "$1" 2>/dev/null; then grep -o 'port [0-9]*' "$1" | head -1 | cut -d' ' -f2; return; fi
        sleep 0.1
    done
    echo "bench/listing.sh: no server started: $(cat "$1")" >&2; exit 70
}
peak_rss() { awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-9s %-7s %-10s %-8s %-8s %-11s %-11s %s\n' entries server status page seconds python= "peak RSS" "3 at once" "heap after"
for n in "${sizes[@]}"; do
    dir=$work/www-$n
    mkdir "$dir"
    /usr/bin/python3 - "$dir" "$n" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    stem = ("Résumé-" if i % 2 == 0 else "report-") + "%06d-" % i
    open(os.path.join(d, stem + "x" * (206 - len(stem) - 4) + ".txt"), "w").close()
PY
    packaging/iterdemo http 0 -b 127.0.0.1 -d "$dir" > "$work/ours.out" 2> "$work/ours.err" &
    ours=$!; pids+=("$ours")
    /usr/bin/python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$dir" > "$work/py.out" 2> /dev/null &
    python=$!; pids+=("$python")
    our_port=$(await_port "$work/ours.out"); py_port=$(await_port "$work/py.out")
    read -r py_status py_size py_time < <(curl -s -o "$work/py.html" -w '%{http_code} %{size_download} %{time_total}\n' "http://127.0.0.1:$py_port/")
    read -r status size time < <(curl -s -o "$work/ours.html" -w '%{http_code} %{size_download} %{time_total}\n' "http://127.0.0.1:$our_port/")
    same=no; cmp -s "$work/py.html" "$work/ours.html" && same=yes
    together=$(for _ in 1 2 3; do curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$our_port/" & done; wait)
    heap=-
    if command -v jcmd >/dev/null; then
        heap=$(jcmd "$ours" GC.heap_info 2>/dev/null | awk '/generation/ {for (i = 1; i < NF; i++) if ($i == "used") {
            sub("K,?", "", $(i + 1)); used += $(i + 1)}} END {printf "%.0f MiB", used / 1024}' || echo -)
    fi
    oom=$(grep -c OutOfMemoryError "$work/ours.err" || true)
    [ "$oom" != 0 ] || oom=
    printf '%-8s %-9s %-7s %-10s %-8s %-8s %-11s %-11s %s\n' "$n" iterdemo "$status" "$size" "$time" "$same" \
        "$(peak_rss "$ours")" "$(echo $together)" "$heap${oom:+, OOM lines: $oom}"
    printf '%-8s %-9s %-7s %-10s %-8s %-8s %-11s\n' "$n" python3 "$py_status" "$py_size" "$py_time" - "$(peak_rss "$python")"
    kill "$ours" "$python"; wait "$ours" "$python" 2>/dev/null || true
    pids=()
    rm -rf "$dir"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
