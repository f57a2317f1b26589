#!/usr/bin/env bash
# Build the book into _build/html. Warnings are errors; every notebook is executed.
# Chromium prints the book's PDFs into the site once its pages are built.
source "$(dirname "$0")/env.sh" requirements-build.txt
ensure_vega
ensure_chromium
jupyter-book build . -W -n --keep-going "$@"
echo "Built: $PWD/_build/html/index.html"
