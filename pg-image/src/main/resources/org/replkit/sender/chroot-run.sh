#!/bin/sh
# Runs one command inside the sender's Debian root filesystem, as the rootfs's postgres user.
# Called as: [setsid] unshare --mount --propagation private /bin/sh chroot-run.sh ROOT UID:GID WATCH_PID CLEANUP_DIR CMD...
#   WATCH_PID   a process whose death stops the command (the JVM), or "-" for none
#   CLEANUP_DIR a directory (path inside ROOT) deleted once the command has exited, or "-" for none;
#               kept when it holds a file named .restarting (a crash-stop that is followed by a restart)
# The mounts live in this private mount namespace only, so they vanish with the last process in it:
# nothing stays mounted on the host, whatever way the command ends.
set -eu
root=$1; userspec=$2; watch=$3; cleanup=$4; shift 4

mount --bind /proc "$root/proc"
mount -t tmpfs -o mode=1777,size=256m tmpfs "$root/dev/shm"

if [ "$watch" = "-" ] && [ "$cleanup" = "-" ]; then
  exec chroot --userspec="$userspec" "$root" "$@"   # a one-off command (initdb): keeps stdin
fi

chroot --userspec="$userspec" "$root" "$@" &
child=$!
stop() { kill -INT "$child" 2>/dev/null || true; }
trap stop INT TERM

while kill -0 "$child" 2>/dev/null; do
  if [ "$watch" != "-" ] && ! kill -0 "$watch" 2>/dev/null; then stop; fi
  sleep 0.5 & wait $! || true
done
set +e
wait "$child"; status=$?
if [ "$cleanup" != "-" ] && [ ! -e "${root:?}/${cleanup#/}/.restarting" ]; then rm -rf "${root:?}/${cleanup#/}"; fi
exit "$status"
