#!/usr/bin/env bash
# Promotes a package version (04t...) to released, so that production orgs can install it.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:?usage: npm run package:promote -- <04t... or alias>}"
npm run --silent sf -- package version promote --package "$version" --no-prompt
