#!/usr/bin/env bash
# Print the whole book to _build/pdf/nep-industry-recovery.pdf: a single-page HTML build,
# opened in Debian's Chromium once every chart is drawn, printed with charts as vectors.
source "$(dirname "$0")/env.sh" requirements-test.txt
if ! command -v chromium >/dev/null 2>&1 && [ -x "$(command -v apt-get)" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
jupyter-book build . --builder singlehtml -W -n --keep-going
# The single page is written under the root chapter's name but links as if it stood at the
# top of the build: print a copy that stands there.
root=$(python -c "import yaml; print(yaml.safe_load(open('_toc.yml'))['root'])")
cp "_build/singlehtml/$root.html" _build/singlehtml/print.html
python scripts/print_pdf.py _build/singlehtml/print.html _build/pdf/nep-industry-recovery.pdf
