#!/usr/bin/env bash
# Writes the class lists update-cds-archive archives, one per mode, in load order: DIR/tick.classlist, the
# classes the jar loads when the tick logger starts, ticks, reopens its log and stops; DIR/http.classlist, when
# the http mode starts, answers a file, a listing and a 404, and stops; DIR/lab.classlist, when `iterdemo lab`
# lists the courses and shows a lesson (the command line and the course data every verb loads); all through the
# launcher (the units' flags). Run by the build (mvn package); needs only bash and the JDK.
#
#   bash packaging/cds/classlist.sh JAR DIR
set -euo pipefail
jar=$(realpath "$1")
output=$2
mkdir -p "$output"
launcher=$(dirname "$0")/../iterdemo
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

LOGFILE=$work/tick.log INTERVAL=0.05 ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS="-XX:DumpLoadedClassList=$output/tick.classlist" \
    "$launcher" >/dev/null 2>&1 &
tick=$!
for _ in $(seq 300); do grep -qs '\[tick\]' "$work/tick.log" && break; sleep 0.05; done
kill -HUP "$tick"
sleep 0.3
kill -TERM "$tick"
wait "$tick" || true

mkdir "$work/www"
echo hello > "$work/www/hello.txt"
ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS="-XX:DumpLoadedClassList=$output/http.classlist" \
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

# The lab's verbs all parse the command line and load the shipped courses first: `list` and `show` do that
# without a systemd, as on the build machine. Their two lists are merged, each class once, in load order.
# JDK 21 and later end each class's line with " id: N", numbered afresh by each run, and refuse a list that
# gives one id to two classes ("Duplicated ID"): the ids go, which the JDK allows for classes of its own
# loaders (the only ones here), and the lines are compared without them.
: > "$output/lab.classlist"
for verb in list "show 3"; do
    # shellcheck disable=SC2086 # $verb is a verb and its argument, split on purpose
    if ! ITERDEMO_JAR=$jar ITERDEMO_LAB_PROGRESS=$work/lab-progress \
            ITERDEMO_JAVA_OPTS="-XX:DumpLoadedClassList=$work/lab.classlist" "$launcher" lab $verb >/dev/null 2>&1; then
        echo "classlist.sh: iterdemo lab $verb failed" >&2
        exit 70
    fi
    awk '{ sub(/ id: [0-9]+$/, "") } !seen[$0]++' "$output/lab.classlist" "$work/lab.classlist" > "$work/lab.merged"
    mv "$work/lab.merged" "$output/lab.classlist"
done
