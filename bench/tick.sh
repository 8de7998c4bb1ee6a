#!/usr/bin/env bash
# Footprint of the tick daemon beside the seed's app.py, measured side by side in one run:
# time from exec to the first [tick] line, RSS and threads after 3 s at INTERVAL=0.1, SIGTERM-to-exit.
#
#   bash bench/tick.sh [--rounds N]     (builds target/iterdemo.jar first if it is missing)
#
# Variants: Debian's python3 running the seed's app.py (bench/fixtures/app.py, the reference), the jar
# with the JVM's default flags, the jar through packaging/iterdemo without a class data sharing archive, and
# the launcher with the archive the package builds at installation (packaging/cds/update-cds-archive), which is
# what the installed units run. Results and their reading: docs/footprint.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x /usr/bin/python3 ] || { echo "bench/tick.sh: /usr/bin/python3 (Debian's python3) is needed for the app.py reference" >&2; exit 69; }
[ -f target/iterdemo.jar ] && [ -f target/cds/tick.classlist ] || mvn -B -q package -DskipTests
jar=$PWD/target/iterdemo.jar

work=$(mktemp -d /tmp/iterdemo-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The archives as postinst builds them, from the class list the build wrote, for this jar and this JDK.
sh packaging/cds/update-cds-archive "$jar" target/cds "$work/cds"

java -version 2>&1 | head -1
/usr/bin/python3 --version
nproc | sed 's/^/cores: /'
python3 bench/footprint.py "$@" \
    "app.py=/usr/bin/python3 bench/fixtures/app.py" \
    "java-defaults=java -jar $jar" \
    "launcher-no-archive=env ITERDEMO_JAR=$jar packaging/iterdemo" \
    "launcher=env ITERDEMO_JAR=$jar ITERDEMO_CDS_ARCHIVE=$work/cds/tick.jsa packaging/iterdemo"
