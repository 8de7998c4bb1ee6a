# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this
# Shared by the systemtest/ scripts (sourced, not run).

# Where built images live; reused across runs and clones of the project.
# Made absolute: debootstrap's --cache-dir and the QEMU backing file need absolute paths.
SYSTEMTEST_CACHE="$(realpath -m "${ITERDEMO_SYSTEMTEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iterdemo-systemtest}")"
SYSTEMTEST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() {
  printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# require_commands CMD... : fail early, naming the host package list, when a tool is missing.
require_commands() {
  local cmd
  for cmd in "$@"; do
    PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 ||
      die "'$cmd' not found: install the packages in systemtest/host-packages.txt (apt-get install \$(grep -v '^#' systemtest/host-packages.txt))"
  done
}
