# Sourced by the other scripts: a virtual environment in .venv with the given
# requirements file installed. Reinstalls only when the requirements change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requirements="$1"
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python" --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$requirements")"
wanted=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements"
  echo "$wanted" > "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"

# Debian's Chromium, for the browser tests and the PDF: installed when missing.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "chromium is missing and apt-get is not available" >&2; return 1; }
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing Debian's chromium"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# Vega's own browser build, which draws the charts' interactive view in the built site.
# The pages carry their charts compiled to Vega at build time, so the site needs neither
# Vega-Lite nor vega-embed: this file is 177 KB on the wire, vl-convert's bundle of all
# three 305 KB. The version is the Vega that vl-convert draws the charts' SVGs with
# (tests/test_first_paint.py checks they agree), fetched once with npm and checked
# against the integrity npm publishes for it.
VEGA_VERSION=6.2.0
VEGA_INTEGRITY=sha512-BIwalIcEGysJdQDjeVUmMWB3e50jPDNAMfLJscjEvpunU9bSt7X1OYnQxkg3uBwuRRI4nWfFZO9uIW910nLeGw==
ensure_vega() {
  local target=".venv/share/vega/$VEGA_VERSION"
  [ -f "$target/vega.min.js" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing Debian's npm, to fetch Vega"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
  fi
  local download; download=$(mktemp -d)
  (cd "$download" && npm pack --silent "vega@$VEGA_VERSION" >/dev/null)
  local tarball="$download/vega-$VEGA_VERSION.tgz"
  local integrity="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$integrity" != "$VEGA_INTEGRITY" ]; then
    echo "vega@$VEGA_VERSION from npm is not the file this book pins ($integrity)" >&2
    return 1
  fi
  mkdir -p "$target"
  tar -xzf "$tarball" -C "$target" --strip-components=2 package/build/vega.min.js
  tar -xzf "$tarball" -C "$target" --strip-components=1 package/LICENSE
  rm -r "$download"
}
