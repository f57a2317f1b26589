#!/usr/bin/env bash
# Run the whole test suite: data, provenance, loader errors, notebooks, the book
# build and the browser tests in Debian's Chromium (installed here when missing).
source "$(dirname "$0")/env.sh" requirements-test.txt
if ! command -v chromium >/dev/null 2>&1 && [ -x "$(command -v apt-get)" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing Debian's chromium for the browser tests"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
python -m pytest "$@"
