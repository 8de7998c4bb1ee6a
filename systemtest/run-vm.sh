#!/usr/bin/env bash
# Boots one throwaway VM from an image made by build-image.sh: qcow2 overlays over the
# image's read-only rootfs.raw and swap.raw, deleted when QEMU exits, so every boot starts clean.
#
#   run-vm.sh [--console-log FILE] [--share DIR] [--lifeline] [--disk LAYER] [--keep-disk FILE] IMAGE_DIR RUN_DIR
#
#   IMAGE_DIR          what build-image.sh printed
#   RUN_DIR            an existing directory for this VM: overlay.qcow2, swap.qcow2, qga.sock (the
#                      QEMU guest agent's socket), qemu.pid
#   --console-log FILE serial console into FILE; without it the console is this terminal
#                      (Ctrl-A x quits QEMU, Ctrl-A c toggles the QEMU monitor)
#   --share DIR        DIR is visible read-only in the guest at /mnt/host (9p)
#   --lifeline         stop QEMU as soon as standard input closes: the caller keeps the
#                      pipe open while it wants the VM, so the VM dies with the caller even
#                      when the caller is killed with SIGKILL
#   --disk LAYER       boot on an overlay of LAYER, a qcow2 whose backing file is the image's rootfs.raw
#                      (a layer kept by --keep-disk), instead of on the bare image
#   --keep-disk FILE   when the guest powers off cleanly (QEMU exits 0), keep the root overlay as FILE
#                      instead of deleting it: a layer for --disk
#
# Environment: ITERDEMO_VM_MEMORY (default 1536M), ITERDEMO_VM_CPUS (default 2).
set -euo pipefail

# shellcheck source=systemtest/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

console_log=""
share=""
lifeline=false
disk=""
keep_disk=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --console-log) console_log=$2; shift 2 ;;
    --share) share=$2; shift 2 ;;
    --lifeline) lifeline=true; shift ;;
    --disk) disk=$2; shift 2 ;;
    --keep-disk) keep_disk=$2; shift 2 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || die "usage: $0 [--console-log FILE] [--share DIR] [--lifeline] [--disk LAYER] [--keep-disk FILE] IMAGE_DIR RUN_DIR"
image=$1
run=$2
[[ -f "$image/rootfs.raw" ]] || die "no image at $image (run systemtest/build-image.sh)"
[[ -d "$run" ]] || die "no run directory $run"
require_commands qemu-system-x86_64 qemu-img

overlay="$run/overlay.qcow2"
swap="$run/swap.qcow2"
if [[ -n "$disk" ]]; then
  [[ -f "$disk" ]] || die "no disk layer at $disk"
  qemu-img create -q -f qcow2 -F qcow2 -b "$(realpath "$disk")" "$overlay"
else
  qemu-img create -q -f qcow2 -F raw -b "$image/rootfs.raw" "$overlay"
fi
qemu-img create -q -f qcow2 -F raw -b "$image/swap.raw" "$swap"
trap 'rm -f "$overlay" "$swap"' EXIT
# keep_overlay STATUS: after a clean power-off, the overlay becomes the layer asked for by --keep-disk.
keep_overlay() {
  if [[ -n "$keep_disk" && $1 -eq 0 ]]; then
    mv -f "$overlay" "$keep_disk"
  fi
}

qemu=(
  qemu-system-x86_64
  -name iterdemo-systemtest
  # /dev/kvm on this kind of host cannot boot Debian's kernel: emulate (TCG) instead.
  # thread=single: one host thread runs the guest's CPUs in turn. With thread=multi (one host thread per
  # guest CPU) a guest JVM crashed at start about once in fifty: SIGILL or SIGSEGV in C1-compiled code a
  # few bytes past an nmethod's start, where HotSpot patches the entry of code it retires while other
  # threads may run it (cross-modifying code). QEMU 7.2 can translate such code while another guest CPU
  # writes it; taking turns cannot. It costs about a quarter more per JVM start (docs/system-tests.md).
  # Nehalem: the x86-64-v2 baseline (SSE4.2, POPCNT), no AVX, which the product does not need.
  -machine q35 -accel "tcg,thread=single" -cpu Nehalem
  -m "${ITERDEMO_VM_MEMORY:-1536M}" -smp "${ITERDEMO_VM_CPUS:-2}"
  -nodefaults -no-user-config -display none
  # No network device: tests talk to the guest through the guest agent only.
  -nic none
  # A guest poweroff, reboot or kernel panic ends QEMU instead of looping.
  -no-reboot
  -kernel "$image/vmlinuz" -initrd "$image/initrd.img"
  # tsc=unstable: under TCG the guest's TSC is the host's, and this kind of host (itself a VM, booted with
  # tsc=unstable) lets it leap: a guest on the TSC clocksource once saw 131 s pass in half a second, enough
  # to fire a service's WatchdogSec= and the agent's command time limits. HPET follows the host's monotonic
  # clock; a clock read costs a few microseconds more (docs/system-tests.md).
  -append "root=/dev/vda rw console=ttyS0,115200 quiet panic=-1 tsc=unstable"
  # The overlay is thrown away after the run, so the host need not flush it while the guest runs; kept as a
  # layer (--keep-disk), it is whole all the same: QEMU writes out what it holds when it exits.
  -drive "file=$overlay,format=qcow2,if=virtio,cache=unsafe"
  # The guest's swap area (/dev/vdb), as on a machine Debian's installer set up.
  -drive "file=$swap,format=qcow2,if=virtio,cache=unsafe"
  # The packages the lessons install, as a Debian repository (/mnt/debian in the guest).
  -virtfs "local,path=$image/repo,mount_tag=debian,security_model=none,readonly=on"
  -device virtio-rng-pci
  -chardev "socket,path=$run/qga.sock,server=on,wait=off,id=qga0"
  -device virtio-serial
  -device "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0"
  -pidfile "$run/qemu.pid"
)
if [[ -n "$share" ]]; then
  qemu+=(-virtfs "local,path=$share,mount_tag=host,security_model=none,readonly=on")
fi
if [[ -n "$console_log" ]]; then
  qemu+=(-serial "file:$console_log")
else
  qemu+=(-serial mon:stdio)
fi

if ! $lifeline; then
  status=0
  "${qemu[@]}" || status=$?
  keep_overlay "$status"
  exit "$status"
fi

# Background jobs get /dev/null as standard input: keep the caller's pipe on fd 3.
exec 3<&0
"${qemu[@]}" </dev/null 3<&- &
qemu_pid=$!
trap 'kill "$qemu_pid" 2>/dev/null || true' TERM INT HUP
# `read` is a builtin: the watcher is one process, gone when killed below.
{
  while read -r _; do :; done
  kill "$qemu_pid" 2>/dev/null || true
} <&3 &
watcher=$!
exec 3<&-
status=0
wait "$qemu_pid" || status=$?
# A trapped signal interrupts `wait` before QEMU has exited: wait for QEMU itself.
while kill -0 "$qemu_pid" 2>/dev/null; do
  wait "$qemu_pid" || status=$?
done
kill "$watcher" 2>/dev/null || true
keep_overlay "$status"
exit "$status"
