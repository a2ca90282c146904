#!/usr/bin/env bash
# Installs headless Chromium (Debian's package "chromium") when it is missing, for the HTML report's browser test.
# Quick when it is installed already. Progress goes to standard error.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "installing chromium (apt-get)" >&2
as_root apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
