#!/usr/bin/env bash
# The packed package in a fresh project with only cdk8s and constructs: the library loads, a chart with every
# construct synthesizes, and the CLI runs through `npx cdk-netpol` with the exit codes the README promises.
# Then, in a second fresh project with cdktf 0.21 and the kubernetes provider, the cdktf example synthesizes with App.synth.
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

[ ! -e node_modules/cdktf ] && [ ! -e node_modules/@cdktf ] || fail 'npm installed the optional cdktf peers'
cp "$root/.ci/every-construct.js" . && node every-construct.js || fail 'a chart with every construct, with only cdk8s and constructs installed'
expect_exit 0 npx --no-install cdk-netpol check --flows "$fixtures/flows.json" "$fixtures/cluster"
grep -q '"engine": "kubernetes"' out.txt || fail 'check printed no engine'
expect_exit 1 npx --no-install cdk-netpol check --flows "$fixtures/flows-mismatch.json" "$fixtures/cluster"
expect_exit 0 npx --no-install cdk-netpol explain --from shop/web --to shop/db --port 5432 "$fixtures/cluster"
head -1 out.txt | grep -qx 'DENY shop/web -> shop/db 5432/TCP' || fail "explain printed: $(head -1 out.txt)"
expect_exit 0 npx --no-install cdk-netpol matrix "$fixtures/cluster" --format json
grep -q '"to": "shop/db"' out.txt || fail 'matrix lists no flow to shop/db'
expect_exit 0 npx --no-install cdk-netpol lint "$fixtures/cluster"
expect_exit 0 npx --no-install cdk-netpol diff --format json "$fixtures/cluster" "$fixtures/cluster"
grep -q '"added": \[\]' out.txt || fail "diff of a cluster with itself printed: $(head -3 out.txt)"
expect_exit 0 npx --no-install cdk-netpol exposure --format json "$fixtures/cluster"
# The report lays its graph out with the bundled layout library.
expect_exit 0 npx --no-install cdk-netpol report --out report.html "$fixtures/cluster"
grep -q 'class="node" data-id="shop/db"' report.html || fail 'the report draws no node for shop/db'
for engine in kubernetes calico calico-crd cilium cluster-network-policy; do
  expect_exit 0 npx --no-install cdk-netpol lint --engine "$engine" --format json "$fixtures/cluster"
  grep -q "\"engine\": \"$engine\"" out.txt || fail "lint --engine $engine printed: $(head -3 out.txt)"
done
expect_exit 1 npx --no-install cdk-netpol lint --engine calico-crd --format json "$fixtures/calico-aks-module"
node -e '
  const { findings } = JSON.parse(require("fs").readFileSync("out.txt", "utf8"));
  const f = findings.find(x => x.code === "CALICO_ALLOW_REOPENS_ISOLATION");
  const keys = ["code", "level", "object", "field", "message", "fix"];
  if (!f || keys.some(k => typeof f[k] !== "string")) { console.error(JSON.stringify(findings)); process.exit(1); }
' || fail 'lint --format json on the AKS module deny lists no CALICO_ALLOW_REOPENS_ISOLATION with code, level, object, field, message, fix'
expect_exit 2 npx --no-install cdk-netpol explain --from shop/nobody --to shop/db --port 5432 "$fixtures/cluster"
expect_exit 0 npx --no-install cdk-netpol aks --engine cilium --default-deny --out aks-baseline
[ -f aks-baseline/kustomization.yaml ] && [ -f aks-baseline/README.md ] && ls aks-baseline | grep -q '^ciliumclusterwidenetworkpolicy_' \
  || fail "aks wrote: $(ls aks-baseline)"
expect_exit 2 npx --no-install cdk-netpol aks --engine azure --default-deny
expect_exit 0 npx --no-install cdk-netpol aks --engine calico --format terraform --out aks-module
[ "$(ls aks-module | tr '\n' ' ')" = "README.md main.tf.json outputs.tf.json variables.tf.json " ] \
  && node -e 'const v = require("./aks-module/variables.tf.json").variable; if (v.enable_default_deny.default !== false || !Array.isArray(v.exempt_namespaces.default)) process.exit(1)' \
  || fail "aks --format terraform wrote: $(ls aks-module)"
expect_exit 2 npx --no-install cdk-netpol aks --engine calico --format terraform

# The subpath entry points, from TypeScript (node16 and node10 resolution) and from plain require; the deprecated
# build/... paths still resolve.
cat > subpaths.ts <<'TS'
import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFlow, DefaultDeny, Port, Selector, Subject } from 'cdk-netpol';
import { buildCluster, reachabilityDiff } from 'cdk-netpol/analyzer';
import { declareWorkloads } from 'cdk-netpol/testing';

const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
new DefaultDeny(chart, 'Deny', { egress: false });
new AllowDns(chart, 'Dns');
new AllowFlow(chart, 'ApiToDb', {
  source: Subject.pods(Selector.labels({ app: 'api' })),
  destination: Subject.pods(Selector.labels({ app: 'db' })),
  ports: [Port.tcp(5432)],
});
declareWorkloads(chart, [
  { namespace: 'shop', name: 'api', labels: { app: 'api' } },
  { namespace: 'shop', name: 'db', labels: { app: 'db' }, ports: [{ port: 5432 }] },
]);
const empty = buildCluster([]);
const delta = reachabilityDiff(empty, empty, 'kubernetes');
if (delta.added.length !== 0 || chart.toJson().length !== 4) throw new Error(`unexpected: ${chart.toJson().length} objects`);
console.log('subpaths ok');
TS
tsc="$root/node_modules/typescript/bin/tsc"
node "$tsc" --strict --skipLibCheck --target ES2022 --module node16 --moduleResolution node16 --outDir out16 subpaths.ts \
  || fail "cdk-netpol/testing and cdk-netpol/analyzer do not type-check with moduleResolution node16"
node "$tsc" --strict --skipLibCheck --target ES2022 --module commonjs --moduleResolution node10 --ignoreDeprecations 6.0 --outDir out10 subpaths.ts \
  || fail "cdk-netpol/testing and cdk-netpol/analyzer do not type-check with moduleResolution node10"
[ "$(node out16/subpaths.js)" = 'subpaths ok' ] && [ "$(node out10/subpaths.js)" = 'subpaths ok' ] || fail 'the subpath entry points did not run'
node -e "require('cdk-netpol/build/testing'); require('cdk-netpol/build/analyzer'); require('cdk-netpol/build/analyzer/diff'); require('cdk-netpol/build/analyzer/diff.js')" \
  || fail 'the deprecated cdk-netpol/build/... paths no longer resolve'
# Every relative link of the README resolves inside the installed package.
node -e '
  const fs = require("fs");
  const dir = "node_modules/cdk-netpol/";
  const links = [...fs.readFileSync(dir + "README.md", "utf8").matchAll(/\]\((\.\/[^)#\s]+)/g)].map(m => m[1]);
  const missing = links.filter(l => !fs.existsSync(dir + l));
  if (links.length === 0 || missing.length > 0) { console.error("README links missing from the package:", missing); process.exit(1); }
' || fail 'a README link does not resolve from the tarball'
echo "tarball smoke: library and CLI (check, explain, matrix, lint, diff, exposure, report, aks) work from $(basename "$tarball") in a fresh cdk8s project;"
echo "  cdk-netpol/testing and cdk-netpol/analyzer import (node16 and node10 resolution), and the README's links resolve"

# A fresh cdktf project: the cdktf example, its import pointed at the package, synthesized with App.synth.
mkdir "$work/tf" && cd "$work/tf"
npm init -y >/dev/null
cdktf_version="$(node -p "require('$root/node_modules/cdktf/package.json').version")"
provider_version="$(node -p "require('$root/node_modules/@cdktf/provider-kubernetes/package.json').version")"
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "cdk8s@$cdk8s_version" "constructs@$constructs_version" \
  "cdktf@$cdktf_version" "@cdktf/provider-kubernetes@$provider_version" >/dev/null
node -e "
  const ts = require('$root/node_modules/typescript');
  const source = require('fs').readFileSync('$root/examples/cdktf-module/main.ts', 'utf8').replace(\"'../../lib'\", \"'cdk-netpol'\");
  require('fs').writeFileSync('main.js', ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
"
node -e "require('./main.js').createApp('cdktf.out').synth()" || fail 'the cdktf example did not synthesize with App.synth'
node -e "
  const stack = JSON.parse(require('fs').readFileSync('cdktf.out/stacks/shop-network-policy/cdk.tf.json', 'utf8'));
  const policies = Object.keys(stack.resource.kubernetes_network_policy_v1 || {}).length;
  const manifests = Object.keys(stack.resource.kubernetes_manifest || {}).length;
  if (policies !== 8 || manifests !== 1) { console.error('resources:', policies, manifests); process.exit(1); }
" || fail 'the cdktf example wrote the wrong resources'
echo "tarball smoke: the cdktf example synthesizes with cdktf@$cdktf_version and @cdktf/provider-kubernetes@$provider_version"
