#!/usr/bin/env bash
# Build the book into _build/html. Warnings are errors; every notebook is executed.
source "$(dirname "$0")/env.sh" requirements.txt
jupyter-book build . -W -n --keep-going "$@"
echo "Built: $PWD/_build/html/index.html"
