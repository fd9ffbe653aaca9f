#!/usr/bin/env bash
# The packed package in a fresh project with only cdk8s and constructs: the library loads, and the CLI's
# check, explain, matrix and lint run through `npx cdk-netpol` with the exit codes the README promises.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tarball="$(ls "$root"/dist/js/cdk-netpol@*.jsii.tgz)"
fixtures="$root/test/cli/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
cdk8s_version="$(node -p "require('$root/node_modules/cdk8s/package.json').version")"
constructs_version="$(node -p "require('$root/node_modules/constructs/package.json').version")"
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "cdk8s@$cdk8s_version" "constructs@$constructs_version" >/dev/null

fail() { echo "tarball smoke: $1" >&2; exit 1; }
expect_exit() {
  local want="$1"; shift
  set +e; "$@" >out.txt 2>err.txt; local got=$?; set -e
  [ "$got" = "$want" ] || { cat out.txt err.txt >&2; fail "'$*' exited $got, expected $want"; }
}

node -e "const n = require('cdk-netpol'); const { App, Chart } = require('cdk8s'); const c = new Chart(new App(), 'c', { namespace: 'c' }); new n.DefaultDeny(c, 'd'); if (!c.toJson().length) process.exit(1);" \
  || fail 'require("cdk-netpol") with only cdk8s and constructs installed'
expect_exit 0 npx --no-install cdk-netpol check --flows "$fixtures/flows.json" "$fixtures/cluster"
grep -q '"engine": "kubernetes"' out.txt || fail 'check printed no engine'
expect_exit 1 npx --no-install cdk-netpol check --flows "$fixtures/flows-mismatch.json" "$fixtures/cluster"
expect_exit 0 npx --no-install cdk-netpol explain --from shop/web --to shop/db --port 5432 "$fixtures/cluster"
head -1 out.txt | grep -qx 'DENY shop/web -> shop/db 5432/TCP' || fail "explain printed: $(head -1 out.txt)"
expect_exit 0 npx --no-install cdk-netpol matrix "$fixtures/cluster" --format json
grep -q '"to": "shop/db"' out.txt || fail 'matrix lists no flow to shop/db'
expect_exit 0 npx --no-install cdk-netpol lint "$fixtures/cluster"
expect_exit 2 npx --no-install cdk-netpol explain --from shop/nobody --to shop/db --port 5432 "$fixtures/cluster"
echo "tarball smoke: library and CLI (check, explain, matrix, lint) work from $(basename "$tarball") in a fresh project"
