// Runs the CLI (JJJ_CLI_PATH) and prints its peak resident memory on stderr at exit, for the hostile tests.
process.on("exit", () => process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`));
await import(process.env.JJJ_CLI_PATH);
