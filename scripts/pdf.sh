#!/usr/bin/env bash
# Print the whole book to _build/pdf/nep-industry-recovery.pdf: a single-page HTML build,
# opened in Debian's Chromium once every chart is drawn, printed with charts as vectors.
# The worksheet and the answer key of the teachers' page are printed on their own too.
source "$(dirname "$0")/env.sh" requirements-test.txt
ensure_chromium
jupyter-book build . --builder singlehtml -W -n --keep-going
# The single page is written under the root chapter's name but links as if it stood at the
# top of the build: print a copy that stands there.
root=$(python -c "import yaml; print(yaml.safe_load(open('_toc.yml'))['root'])")
cp "_build/singlehtml/$root.html" _build/singlehtml/print.html
# The worksheet's and the answer key's pages, by their chapters' names (their files are numbered).
page() { python -c "import sys; sys.path.insert(0, 'book'); from nep import pages; print(pages.page('$1'))"; }
python scripts/print_pdf.py _build/singlehtml/print.html _build/pdf/nep-industry-recovery.pdf \
  "book/$(page worksheet)=_build/pdf/nep-worksheet.pdf" "book/$(page answer_key)=_build/pdf/nep-answer-key.pdf"
