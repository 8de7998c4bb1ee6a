#!/usr/bin/env bash
# Builds the Debian image that the system tests boot under QEMU, or reuses it: Debian 12 (bookworm,
# systemd 252, OpenJDK 17) by default, Debian 13 (trixie, systemd 257, OpenJDK 21) with --release 13.
#
#   systemtest/build-image.sh [--release 12|13]   build or reuse; prints the image directory on stdout
#   systemtest/build-image.sh --clean             delete the whole cache (every image built so far)
#
# The cache also keeps the downloaded .deb files (debs/), so that a rebuild downloads only
# what changed. The image directory holds vmlinuz, initrd.img, rootfs.raw (ext4, never written to:
# each VM boots a qcow2 overlay of it), swap.raw (a swap area, as Debian's installer makes one: the
# guest's /dev/vdb, also behind an overlay), repo/ (a Debian repository of the packages the lessons and
# the iterdemo package install, which the image itself does not carry: the guest's apt reads it at
# /mnt/debian) and manifest.txt (inputs hash, package versions).
# It is named after the release and a hash of the release, this script, common.sh and everything under
# guest/ (debian12-<hash>, debian13-<hash>), so a change to any of them builds a new image of that
# release, an unchanged input reuses the old one, and the two releases' images live side by side.
# A build happens in a temporary directory that is renamed into place only when
# complete: an interrupted build never leaves an image that looks valid.
#
# Environment: ITERDEMO_SYSTEMTEST_CACHE (cache directory),
#              ITERDEMO_DEBIAN_RELEASE (12 or 13, the default of --release; 12 if unset),
#              ITERDEMO_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

# shellcheck source=systemtest/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RELEASE="${ITERDEMO_DEBIAN_RELEASE:-12}"
readonly MIRROR="${ITERDEMO_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly IMAGES="$SYSTEMTEST_CACHE/images"
# Free space left in the guest's root filesystem for what tests install and log.
readonly FREE_SPACE_MB=2048
# Swap, about what Debian's guided partitioning gives a machine with the guest's memory (1.5 GiB).
readonly SWAP_MB=1024

main() {
  case "${1:-}" in
    --clean) clean_cache; return ;;
    --release) RELEASE=${2:-} ;;
    "") ;;
    *) die "usage: $0 [--release 12|13] | --clean" ;;
  esac
  SUITE=$(suite_of "$RELEASE")
  readonly RELEASE SUITE
  ensure_image
}

# The Debian release's code name; the images are named by number (debian12, debian13).
suite_of() {
  case "$1" in
    12) echo bookworm ;;
    13) echo trixie ;;
    *) die "unknown Debian release '$1': the system-test images are Debian 12 (bookworm) and 13 (trixie)" ;;
  esac
}

ensure_image() {
  local hash image started
  started=$(now)
  hash=$(inputs_hash)
  image="$IMAGES/debian$RELEASE-$hash"
  if [[ ! -d "$image" ]]; then
    [[ $EUID -eq 0 ]] || die "building the image needs root (debootstrap, chroot)"
    require_commands debootstrap mkfs.ext4 mkswap chroot flock findmnt apt-ftparchive
    mkdir -p "$IMAGES"
    take_lock
    # Another process may have finished the same build while this one waited for the lock.
    [[ -d "$image" ]] || build_image "$hash" "$image"
    log "image debian$RELEASE-$hash ready in $(since "$started")"
  else
    log "reusing image debian$RELEASE-$hash (checked in $(since "$started"))"
  fi
  echo "$image"
}

# Hash of every input that shapes the image; file names are part of it.
inputs_hash() {
  (
    cd "$SYSTEMTEST_DIR"
    echo "release $RELEASE"
    find build-image.sh common.sh guest -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -c1-16
}

# One build at a time per cache (tests and systemtest/shell.sh may start together).
take_lock() {
  exec 9>"$SYSTEMTEST_CACHE/build.lock"
  if ! flock -n 9; then
    log "waiting for another image build to finish"
    flock 9
  fi
}

build_image() {
  local hash=$1 image=$2 work
  remove_stale_builds
  work="$IMAGES/.build-debian$RELEASE-$hash-$$"
  mkdir -p "$work"
  # On any exit before the rename, nothing half-built stays behind.
  # shellcheck disable=SC2064  # expand $work now: it is local to this function
  trap "remove_tree '$work'" EXIT
  log "building image debian$RELEASE-$hash ($SUITE) in $work (log: $work/build.log)"

  phase "debootstrap (download and install packages)" bootstrap "$work"
  phase "repository of the lessons' packages" download_repository "$work"
  phase "configure guest" configure_guest "$work/tree"
  phase "extract kernel and initrd" extract_boot_files "$work"
  phase "manifest" write_manifest "$hash" "$work"
  phase "make ext4 filesystem" make_filesystem "$work"
  phase "make swap area" make_swap "$work"
  rm -f "$work/build.log"

  mv -T "$work" "$image"
  trap - EXIT
  remove_other_images "$(basename "$image")"
}

bootstrap() {
  local work=$1 packages
  packages=$(grep -v -e '^#' -e '^[[:space:]]*$' "$SYSTEMTEST_DIR/guest/packages.txt" | paste -sd, -)
  # Downloaded packages are kept, per release: a rebuild after a change to guest/ fetches only what changed.
  mkdir -p "$SYSTEMTEST_CACHE/debs/$SUITE"
  run_logged "$work/build.log" debootstrap --variant=minbase --include="$packages" \
    --cache-dir="$SYSTEMTEST_CACHE/debs/$SUITE" "$SUITE" "$work/tree" "$MIRROR"
}

# The packages of guest/repo-packages.txt and what they need beyond the image, downloaded by the guest's
# own apt (so exactly what a VM will ask for), then indexed as a flat repository the guest reads through
# a read-only share. The VM installs them as a student does, with the setup's own `apt install`.
download_repository() {
  local work=$1 packages
  mapfile -t packages < <(grep -v -e '^#' -e '^[[:space:]]*$' "$SYSTEMTEST_DIR/guest/repo-packages.txt")
  mkdir -p "$work/repo" "$work/tree/var/cache/apt/archives/partial"
  # debootstrap leaves the image's own packages there: the repository holds only what apt adds.
  rm -f "$work"/tree/var/cache/apt/archives/*.deb
  run_logged "$work/build.log" chroot "$work/tree" apt-get update -q
  run_logged "$work/build.log" chroot "$work/tree" apt-get install -q -y --download-only "${packages[@]}"
  mv "$work"/tree/var/cache/apt/archives/*.deb "$work/repo/"
  (
    cd "$work/repo"
    apt-ftparchive packages . >../Packages
    mv ../Packages Packages
    apt-ftparchive release . >../Release
    mv ../Release Release
  ) 2>>"$work/build.log"
}

configure_guest() {
  local tree=$1
  cp -a "$SYSTEMTEST_DIR/guest/rootfs/." "$tree/"
  # Root without password: the VM is throwaway and has no network device.
  chroot "$tree" passwd --delete root >/dev/null
  # Rebuild the initrd with the small module list from guest/rootfs/etc/initramfs-tools.
  run_logged "$(dirname "$tree")/build.log" chroot "$tree" update-initramfs -u -k all
  # Downloaded .debs and package lists are not needed inside the image.
  rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*
}

extract_boot_files() {
  local work=$1 kernels initrds
  kernels=("$work"/tree/boot/vmlinuz-*)
  initrds=("$work"/tree/boot/initrd.img-*)
  [[ ${#kernels[@]} -eq 1 && -f "${kernels[0]}" ]] || die "expected one kernel, found: ${kernels[*]}"
  [[ ${#initrds[@]} -eq 1 && -f "${initrds[0]}" ]] || die "expected one initrd, found: ${initrds[*]}"
  cp "${kernels[0]}" "$work/vmlinuz"
  cp "${initrds[0]}" "$work/initrd.img"
}

write_manifest() {
  local hash=$1 work=$2
  {
    echo "inputs-hash: $hash"
    echo "release: $RELEASE"
    echo "suite: $SUITE"
    echo "mirror: $MIRROR"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel: $(basename "$work"/tree/boot/vmlinuz-*)"
    echo "packages:"
    # shellcheck disable=SC2016  # dpkg-query's own ${field} syntax
    chroot "$work/tree" dpkg-query -W -f '  ${Package} ${Version}\n'
  } >"$work/manifest.txt"
}

make_filesystem() {
  local work=$1 used_mb
  used_mb=$(du -sm --one-file-system "$work/tree" | cut -f1)
  truncate -s "$((used_mb + FREE_SPACE_MB))M" "$work/rootfs.raw"
  mkfs.ext4 -q -F -L iterdemo-root -d "$work/tree" "$work/rootfs.raw"
  # The base is shared by every overlay: make accidental writes fail loudly.
  chmod 0444 "$work/rootfs.raw"
  remove_tree "$work/tree"
}

# A sparse file: mkswap writes only its header, the guest's pages land in each VM's overlay.
make_swap() {
  local work=$1
  truncate -s "${SWAP_MB}M" "$work/swap.raw"
  run_logged "$work/build.log" mkswap -L iterdemo-swap "$work/swap.raw"
  chmod 0444 "$work/swap.raw"
}

# run_logged LOG CMD... : keep chatty tools out of the test output; show the tail on failure.
run_logged() {
  local logfile=$1
  shift
  if ! "$@" >>"$logfile" 2>&1; then
    tail -n 40 "$logfile" >&2
    die "failed: $*"
  fi
}

# phase NAME FUNCTION ARGS... : run one build step and log how long it took.
phase() {
  local name=$1 started
  shift
  started=$(now)
  "$@"
  log "  $name: $(since "$started")"
}

remove_stale_builds() {
  local stale
  for stale in "$IMAGES"/.build-*; do
    [[ -e "$stale" ]] || continue
    log "removing interrupted build $stale"
    remove_tree "$stale"
  done
}

# Older images of the same release (and images from before images were named by release); the other
# release's image stays.
remove_other_images() {
  local keep=$1 old
  for old in "$IMAGES"/*; do
    [[ -d "$old" && "$(basename "$old")" != "$keep" ]] || continue
    [[ "$(basename "$old")" == "debian$RELEASE-"* || "$(basename "$old")" != debian* ]] || continue
    log "removing outdated image $(basename "$old")"
    rm -rf "$old"
  done
}

# Deletes a build tree; debootstrap mounts /proc and /sys inside it, and an interrupted
# build can leave them mounted: unmount first, and never cross into another filesystem.
remove_tree() {
  local dir=$1 mount
  [[ -e "$dir" ]] || return 0
  findmnt -rn -o TARGET | { grep -F "$dir/" || true; } | sort -r | while read -r mount; do
    umount -l "$mount" || true
  done
  rm -rf --one-file-system "$dir"
}

clean_cache() {
  if [[ -d "$SYSTEMTEST_CACHE" ]]; then
    # Not in the middle of someone else's build.
    take_lock
    remove_tree "$SYSTEMTEST_CACHE"
    log "removed $SYSTEMTEST_CACHE"
  else
    log "nothing to clean at $SYSTEMTEST_CACHE"
  fi
}

now() { date +%s.%N; }

since() {
  awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f s", end - start }'
}

main "$@"
