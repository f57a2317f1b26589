#!/usr/bin/env bash
# Run the whole test suite: data, provenance, loader errors, audit, notebooks, Binder,
# the book build, the PDF and the browser tests in Debian's Chromium.
source "$(dirname "$0")/env.sh" requirements-test.txt
ensure_vega
ensure_chromium || echo "No chromium: the browser tests will skip (and fail under CI=true)."
python -m pytest "$@"
