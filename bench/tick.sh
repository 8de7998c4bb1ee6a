#!/usr/bin/env bash
# Footprint of the tick daemon beside the seed's app.py, measured side by side in one run:
# time from exec to the first [tick] line, RSS and threads after 3 s at INTERVAL=0.1, SIGTERM-to-exit.
#
#   bash bench/tick.sh [--rounds N]     (builds target/iterdemo.jar first if it is missing)
#
# Variants: Debian's python3 running the seed's app.py (bench/fixtures/app.py, the reference), the jar
# with the JVM's default flags, the jar through packaging/iterdemo (the flags the units use), and the
# same plus an AppCDS archive made by a training run. Results and their reading: docs/footprint.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x /usr/bin/python3 ] || { echo "bench/tick.sh: /usr/bin/python3 (Debian's python3) is needed for the app.py reference" >&2; exit 69; }
[ -f target/iterdemo.jar ] || mvn -B -q package -DskipTests
jar=$PWD/target/iterdemo.jar

work=$(mktemp -d /tmp/iterdemo-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# AppCDS on JDK 17 needs a training run that dumps the classes it loaded when it exits (JDK 19+ can do
# this by itself with -XX:+AutoCreateSharedArchive). Start, tick, reopen, stop: every path is exercised.
archive=$work/iterdemo.jsa
LOGFILE=$work/train.log INTERVAL=0.05 ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive" \
    packaging/iterdemo >/dev/null 2>&1 &
trainer=$!
sleep 2; kill -HUP "$trainer"; sleep 0.5; kill -TERM "$trainer"; wait "$trainer"

java -version 2>&1 | head -1
/usr/bin/python3 --version
nproc | sed 's/^/cores: /'
python3 bench/footprint.py "$@" \
    "app.py=/usr/bin/python3 bench/fixtures/app.py" \
    "java-defaults=java -jar $jar" \
    "launcher=env ITERDEMO_JAR=$jar packaging/iterdemo" \
    "launcher+AppCDS=env ITERDEMO_JAR=$jar ITERDEMO_JAVA_OPTS=-XX:SharedArchiveFile=$archive packaging/iterdemo"
