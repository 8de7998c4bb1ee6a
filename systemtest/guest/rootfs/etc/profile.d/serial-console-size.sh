# shellcheck shell=sh
# A serial console does not know the size of the terminal at its other end (systemtest/shell.sh
# runs in the trainer's terminal): ask that terminal, the way xterm's resize does, so that
# `systemctl status` and editors use the whole window.
if [ "$(tty)" = /dev/ttyS0 ]; then
  saved=$(stty -g)
  stty raw -echo min 0 time 5
  # Save cursor, move far bottom-right, report position, restore cursor.
  printf '\0337\033[999;999H\033[6n\0338' >/dev/tty
  IFS='[;R' read -r _ rows cols _ </dev/tty
  stty "$saved"
  # Keystrokes typed during the query can garble the answer: use only a clean one.
  case "${rows:-x}${cols:-x}" in
    *[!0-9]*) ;;
    *) stty rows "$rows" cols "$cols" ;;
  esac
  unset saved rows cols
fi
