#!/usr/bin/env bash
# Runs Cohésion on its embedded default: on first start it creates the database
# (in your configuration folder, or COHESION_DB) with the CALL AMI 2021 campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
. scripts/go-env.sh # Go 1.26.8 first in PATH when the system has none recent enough
exec go run ./cmd/cohesion "$@"
