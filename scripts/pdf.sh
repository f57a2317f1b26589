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
python scripts/print_pdf.py _build/singlehtml/print.html _build/pdf/nep-industry-recovery.pdf \
  book/worksheet=_build/pdf/nep-worksheet.pdf book/answer_key=_build/pdf/nep-answer-key.pdf
