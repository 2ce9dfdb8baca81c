#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing.
#   gettext        compiles the Korean translations (msgfmt)
#   fonts-nanum    NanumGothic: a compact TrueType CJK font with every Hangul syllable,
#                  embedded in certificates and used by the browser for Hangul
#   fonts-dejavu-core  DejaVu Sans, the certificates' fallback for Latin diacritics
#   poppler-utils  pdftotext, to check the text of generated PDFs in tests
#   chromium       the real headless browser of the end-to-end tests (tests only)
#   libpango-1.0-0 libpangoft2-1.0-0  WeasyPrint's text layout
set -euo pipefail
packages=(gettext fonts-nanum fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(poppler-utils chromium)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
