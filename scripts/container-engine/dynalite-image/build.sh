#!/usr/bin/env bash
# Builds the dynalite test image OFFLINE (no registry): a root filesystem holding only the
# workspace's node binary, the shared libraries it links, and server.js with dynalite and its
# dependencies copied from this checkout, imported with `podman import`. Skips the build when the image exists, unless
# --force. The Containerfile beside this script builds the same image from a registry.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
# Keep in step with packages/adapters-aws/test/containers/support/dynamodb-container.ts.
IMAGE="${DYNALITE_IMAGE_NAME:-localhost/userprofile-dynalite:4.0.0}"

log() { echo "[dynalite-image] $*" >&2; }

# The Node the workspace pins (node_modules/.bin/node), like every other script here; the
# machine's own only before `pnpm install`.
NODE_BIN="$(readlink -f "$(PATH="$REPO/node_modules/.bin:$PATH" command -v node)")"

# What the image is made of; an image built from other inputs (an older server.js, another
# node) is rebuilt rather than silently reused.
INPUTS="$( ("$NODE_BIN" --version; cat "$HERE/server.js" "$HERE/copy-package-closure.js" "$0" \
  "$REPO/packages/adapters-aws/node_modules/dynalite/package.json") | sha256sum | cut -c1-16)"
if [[ "${1:-}" != "--force" ]] && podman image exists "$IMAGE" &&
  [[ "$(podman image inspect --format '{{ index .Labels "userprofile.inputs" }}' "$IMAGE")" == "$INPUTS" ]]; then
  log "$IMAGE already built from these inputs"
  exit 0
fi

PREVIOUS_ID="$(podman image inspect --format '{{ .Id }}' "$IMAGE" 2>/dev/null || true)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS/app" "$ROOTFS/tmp"
chmod 1777 "$ROOTFS/tmp"

log "copying $NODE_BIN ($("$NODE_BIN" --version)) and the libraries it links"
mkdir -p "$ROOTFS/usr/bin"
cp "$NODE_BIN" "$ROOTFS/usr/bin/node"
# ldd lists "name => /path (addr)" and the loader as "/path (addr)": keep every absolute path.
ldd "$NODE_BIN" | grep -o '/[^ ]*' | while read -r lib; do
  cp --parents -L "$lib" "$ROOTFS"
done

log "copying server.js and dynalite with its dependencies"
# dynalite is a dev dependency of packages/adapters-aws: take that very copy, no download.
cp "$HERE/server.js" "$ROOTFS/app/server.js"
"$NODE_BIN" "$HERE/copy-package-closure.js" dynalite "$REPO/packages/adapters-aws" "$ROOTFS/app"

tar -C "$ROOTFS" -cf "$WORK/rootfs.tar" .
log "importing as $IMAGE"
podman import --quiet \
  --change 'CMD ["/usr/bin/node", "/app/server.js"]' \
  --change 'EXPOSE 8000' \
  --change 'WORKDIR /app' \
  --change "LABEL userprofile.inputs=$INPUTS" \
  "$WORK/rootfs.tar" "$IMAGE" >/dev/null
# The replaced image would linger untagged; drop it unless a container still uses it.
if [[ -n "$PREVIOUS_ID" ]]; then podman rmi "$PREVIOUS_ID" >/dev/null 2>&1 || true; fi
log "built $IMAGE"
