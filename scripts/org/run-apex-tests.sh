#!/usr/bin/env bash
# Runs the package's Apex tests in the default org (the offline equivalent is `npm run test:apex`).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p test-output/apex
npm run --silent sf -- apex run test --test-level RunLocalTests --code-coverage --result-format human --output-dir test-output/apex --wait 30 "$@"
