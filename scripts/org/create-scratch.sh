#!/usr/bin/env bash
# Creates a scratch org, deploys the package with its test fixtures and assigns the admin permission set.
# Needs an authorised Dev Hub: `npm run sf -- org login web --set-default-dev-hub --alias devhub`.
set -euo pipefail
cd "$(dirname "$0")/../.."
alias="${1:-cosell-dev}"
npm run build
npm run --silent sf -- org create scratch --definition-file config/project-scratch-def.json --alias "$alias" --set-default --duration-days 7 --wait 15
npm run --silent sf -- project deploy start --target-org "$alias" --wait 30
npm run --silent sf -- org assign permset --name CoSellAdmin --target-org "$alias"
npm run --silent sf -- org open --target-org "$alias" --path lightning/n/CoSellSetup
