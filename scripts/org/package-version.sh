#!/usr/bin/env bash
# Creates a new version of the unlocked package (creating the package itself on first use).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build
if ! node -e "process.exit(require('./sfdx-project.json').packageAliases?.['Partner Center Co-sell'] ? 0 : 1)"; then
    npm run --silent sf -- package create --name "Partner Center Co-sell" --package-type Unlocked --no-namespace --path force-app --description "Sync Opportunities with Microsoft Partner Center co-sell referrals."
fi
npm run --silent sf -- package version create --package "Partner Center Co-sell" --code-coverage --installation-key-bypass --wait 30 "$@"
