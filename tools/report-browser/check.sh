#!/usr/bin/env bash
# Checks MLExt's HTML evaluation report in a real browser: installs headless Chromium (Debian package
# "chromium") when it is missing, then runs the browser test, which writes a report, confirms in Chromium
# that every embedded figure decodes, and keeps a full-page screenshot in artifacts/report-browser/report.png.
# Without Chromium that test is skipped (dotnet test says why), so the default test run needs no browser.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash tools/services/chromium.sh

dotnet test Tests -c Release --filter "FullyQualifiedName~HtmlReportBrowserTests"
echo "Screenshot: artifacts/report-browser/report.png (report: artifacts/report-browser/report.html)"
