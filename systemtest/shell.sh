#!/usr/bin/env bash
# Opens a root shell in a throwaway VM booted from a system-test image: the same guest the system
# tests use, Debian 12 (systemd 252 as PID 1) or with --release 13 Debian 13 (systemd 257). Nothing
# done inside survives.
#
#   systemtest/shell.sh                 share the project's target/ (iterdemo.jar) at /mnt/host
#   systemtest/shell.sh --share DIR     share DIR instead (read-only, at /mnt/host)
#   systemtest/shell.sh --release 13    boot Debian 13 (the options combine)
#
# In the guest:  install -D /mnt/host/iterdemo.jar /opt/iterdemo/iterdemo.jar
# Leave with `poweroff`, or Ctrl-A x (QEMU's escape; Ctrl-C goes to the guest).
set -euo pipefail

# shellcheck source=systemtest/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

project_dir=$(dirname "$SYSTEMTEST_DIR")
share="$project_dir/target"
release=${ITERDEMO_DEBIAN_RELEASE:-12}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --share) share=${2:?"--share needs a directory"}; shift 2 ;;
    --release) release=${2:?"--release needs 12 or 13"}; shift 2 ;;
    *) die "usage: $0 [--share DIR] [--release 12|13]" ;;
  esac
done
image=$("$SYSTEMTEST_DIR/build-image.sh" --release "$release")
run=$(mktemp -d "${TMPDIR:-/tmp}/iterdemo-shell.XXXXXX")
trap 'rm -rf "$run"' EXIT

if [[ ! -d "$share" ]]; then
  log "no $share (run 'mvn package' for the jar): /mnt/host will be empty"
  share="$run/empty"
  mkdir "$share"
fi
share=$(realpath "$share")

log "booting (about 15 s under emulation); $share is at /mnt/host in the guest"
log "leave with 'poweroff' or Ctrl-A x"
"$SYSTEMTEST_DIR/run-vm.sh" --share "$share" "$image" "$run"
