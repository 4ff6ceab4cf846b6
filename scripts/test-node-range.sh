#!/usr/bin/env bash
# The Node versions package.json declares (`engines.node`, ">=20.16.0"), tested as users get the package:
# the packed tarball's smoke test (tests/package/smoke.mjs: require, import, every entry, the CLI, the
# types) run under the lowest declared version and under the newest Node 22 and 24. Each Node binary comes
# from the npm registry (the `node-linux-<arch>` packages), installed into a temporary directory, not saved.
# Why 20.16: the shipped rules' worked examples are read from rule-details.json on first use with
# `process.getBuiltinModule` (src/catalog/rule-details.ts), which Node 20.16 added; on 20.15 that smoke
# check fails. Run after `npm run build`; CI runs it from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

lowest="$(node -p 'require("./package.json").engines.node.match(/^>=(\d+\.\d+\.\d+)$/)?.[1] ?? ""')"
if [ -z "$lowest" ]; then
  echo "test-node-range: engines.node must read \">=X.Y.Z\" so that its lowest version can be tested" >&2
  exit 1
fi
arch="$(node -p 'process.arch')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for version in "$lowest" 22 24; do
  prefix="$work/node-$version"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$prefix" "node-linux-$arch@$version" >/dev/null
  bin="$prefix/node_modules/node-linux-$arch/bin"
  echo "test-node-range: Node $("$bin/node" --version) (engines.node ${lowest}+, asked for $version)"
  PATH="$bin:$PATH" node tests/package/smoke.mjs
done
echo "test-node-range: the smoke test passed on Node $lowest, 22 and 24"
