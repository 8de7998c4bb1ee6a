#!/usr/bin/env bash
# Writes the class list update-cds-archive archives: the classes the jar loads when the tick logger starts,
# ticks, reopens its log and stops, and when the http mode starts, answers a file, a listing and a 404, and
# stops, through the launcher (the units' flags). Run by the build (mvn package); needs only bash and the JDK.
#
#   bash packaging/cds/classlist.sh JAR OUTPUT
set -euo pipefail
jar=$(realpath "$1")
output=$2
launcher=$(dirname "$0")/../iterdemo
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

LOGFILE=$work/tick.log INTERVAL=0.05 ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS="-XX:DumpLoadedClassList=$work/tick.list" \
    "$launcher" >/dev/null 2>&1 &
tick=$!
for _ in $(seq 300); do grep -qs '\[tick\]' "$work/tick.log" && break; sleep 0.05; done
kill -HUP "$tick"
sleep 0.3
kill -TERM "$tick"
wait "$tick" || true

mkdir "$work/www"
echo hello > "$work/www/hello.txt"
ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS="-XX:DumpLoadedClassList=$work/http.list" \
    "$launcher" http 0 --bind 127.0.0.1 --directory "$work/www" >"$work/http.out" 2>/dev/null &
server=$!
port=
for _ in $(seq 300); do
    port=$(sed -n 's/^Serving HTTP on .* port \([0-9]*\) .*/\1/p' "$work/http.out")
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "$port" ] || { echo "classlist.sh: the http mode did not start" >&2; exit 70; }
for path in /hello.txt / /missing; do
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'GET %s HTTP/1.0\r\n\r\n' "$path" >&3
    cat <&3 >/dev/null
    exec 3<&-
done
kill -TERM "$server"
wait "$server" || true
server=

# Both lists, in load order, each class once.
awk '!seen[$0]++' "$work/http.list" "$work/tick.list" > "$output"
