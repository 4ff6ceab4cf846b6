#!/usr/bin/env node
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`jjj-policy-rules: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
