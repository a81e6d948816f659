#!/usr/bin/env bash
# Installs what building stance needs from Debian, only what is missing; safe to run twice.
#   libblas-dev, liblapack-dev   BLAS and LAPACK that the Classifier links
#   libopenblas0-pthread         the fast BLAS, plugged in behind the same libraries
set -euo pipefail

packages=(libblas-dev liblapack-dev libopenblas0-pthread)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: build dependencies present (${packages[*]})" >&2
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: apt-get not found. Install BLAS and LAPACK development files (cblas.h, libblas, liblapack) with your system's package manager, then rerun." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup: not root and no sudo. Run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
  # The package lists may be stale or absent on a fresh machine.
  "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || true
  if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}"; then
    echo "setup: could not install ${missing[*]}. Check the network reaches Debian's mirrors, then run: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "setup: installed ${missing[*]}" >&2
