#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet; does nothing when all are there.
# Usage: scripts/ensure-debian-packages.sh PKG...
# It runs `apt-get update` at most once per call, and only when something is missing, so a machine
# that already has everything never touches the network. Needs root (the project's machines run as root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 PKG..." >&2
  exit 2
fi

missing=()
for pkg in "$@"; do
  # dpkg-query prints "install ok installed" only for a package that is fully installed;
  # a removed package can still have a status line, so test the status, not the exit code alone.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "$0: missing Debian packages (${missing[*]}) and not root: install them with apt-get" >&2
  exit 1
fi

echo "$0: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Quiet apt on standard output so callers that parse their own output are not disturbed.
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
