// Writes vectors.json (the hand-computed and the generated test vectors of the shipped rules, issue #17)
// with the CLI just built: `jjj-policy-rules vectors --kind all --format json`. Run by `npm run build`.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const text = execFileSync(process.execPath, ["dist/cli.js", "vectors", "--kind", "all", "--format", "json"], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
const count = JSON.parse(text).count;
writeFileSync(new URL("../vectors.json", import.meta.url), text);
console.log(`wrote vectors.json: ${count} vectors`);
