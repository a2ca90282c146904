#!/usr/bin/env bash
# Checks MLExt's HTML evaluation report in a real browser: installs headless Chromium (Debian package
# "chromium") when it is missing, then runs the browser test, which writes a report, confirms in Chromium
# that every embedded figure decodes, and keeps a full-page screenshot in artifacts/report-browser/report.png.
# Without Chromium that test is skipped (dotnet test says why), so the default test run needs no browser.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    sudo apt-get update
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
fi

dotnet test Tests -c Release --filter "FullyQualifiedName~HtmlReportBrowserTests"
echo "Screenshot: artifacts/report-browser/report.png (report: artifacts/report-browser/report.html)"
