#!/usr/bin/env bash
# Sets up a container engine that testcontainers can drive, on a machine like ours (Debian,
# root, no image registry): podman serving the Docker API on a unix socket, then the dynalite
# test image built offline. Idempotent: every step checks before it acts, so CI and developers
# can run it as often as they like. docs/local.md (Container tests) says what it sets up and why.
#
# Usage: scripts/container-engine/setup.sh          # install, configure, start, build image
#        eval "$(scripts/container-engine/setup.sh --print-env)"   # the variables tests need
set -euo pipefail

SOCKET_PATH=/run/podman/podman.sock
HERE="$(cd "$(dirname "$0")" && pwd)"

print_env() {
  # Ryuk (the reaper) is an image we cannot pull; the tests stop their own containers instead.
  # The host override keeps test traffic on loopback rather than podman's 10.88.x bridge.
  cat <<ENV
export DOCKER_HOST=unix://${SOCKET_PATH}
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
ENV
}

if [[ "${1:-}" == "--print-env" ]]; then
  print_env
  exit 0
fi

log() { echo "[container-engine] $*" >&2; }

service_answers() {
  [[ -S "$SOCKET_PATH" ]] && curl --silent --fail --max-time 2 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1
}

install_podman() {
  if command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1; then
    log "podman $(podman --version | awk '{print $3}') and runc already installed"
    return
  fi
  if [[ "$(id -u)" != 0 ]]; then
    log "podman is missing and installing it needs root: run 'sudo $0', or install podman + runc yourself"
    exit 1
  fi
  log "installing podman and runc from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc curl >/dev/null
}

configure_podman() {
  # crun fails on this machine's hybrid cgroups and the machine forbids raising ulimits, so
  # runc + cgroupfs and ulimits no higher than what we already have.
  local conf=/etc/containers/containers.conf
  local wanted
  wanted="$(cat <<'CONF'
# Written by scripts/container-engine/setup.sh (see docs/local.md, Container tests).
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=1000:1000"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
)"
  if [[ -f "$conf" ]] && [[ "$(cat "$conf")" == "$wanted" ]]; then
    log "$conf already configured"
    return
  fi
  if [[ -f "$conf" ]]; then
    cp "$conf" "$conf.bak.$(date +%s)"
    log "kept the previous $conf as a .bak file"
  fi
  mkdir -p "$(dirname "$conf")"
  printf '%s\n' "$wanted" >"$conf"
  log "wrote $conf"
}

start_service() {
  if service_answers; then
    log "podman API already serving on $SOCKET_PATH"
    return
  fi
  mkdir -p "$(dirname "$SOCKET_PATH")"
  rm -f "$SOCKET_PATH"
  log "starting 'podman system service' on $SOCKET_PATH (log: /tmp/podman-service.log)"
  # setsid + nohup: the service must outlive this script and the CI step that ran it.
  # Started from /: conmon needs the service's working directory for every container, and a
  # CI clone it was started in may be removed while the service lives on.
  (cd / && setsid nohup podman system service --time=0 "unix://${SOCKET_PATH}" >/tmp/podman-service.log 2>&1 < /dev/null &)
  for _ in $(seq 1 100); do
    if service_answers; then
      log "podman API is up"
      return
    fi
    sleep 0.1
  done
  log "podman API did not answer on $SOCKET_PATH within 10 s; see /tmp/podman-service.log"
  exit 1
}

install_podman
configure_podman
start_service
# The image is made from this checkout's dynalite, so it needs `pnpm install` first; on a
# fresh machine (CI runs this before installing) the container tests build it when missing.
if [[ -d "$HERE/../../packages/adapters-aws/node_modules/dynalite" ]]; then
  "$HERE/dynalite-image/build.sh"
else
  log "dependencies not installed yet: the container tests will build the dynalite image"
fi
log "ready. For the tests: eval \"\$($0 --print-env)\" (the containers suite also finds $SOCKET_PATH by itself)"
