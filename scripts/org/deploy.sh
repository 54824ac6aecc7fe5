#!/usr/bin/env bash
# Builds the TypeScript LWCs (the org only accepts the emitted .js) and deploys the source to the default org.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build
npm run --silent sf -- project deploy start --wait 30 "$@"
