/*
 * The limits of the HTTP decision service, each one named constant with its default. createServer's
 * options and `serve`'s flags raise or lower them; docs/reliability.md's limits table lists them.
 */

/**
 * The largest JSON request body, in bytes (1 MiB). More gets 413 `body_too_large`; raise it with
 * `createServer({ bodyLimit })` or `serve --max-body-bytes N`.
 *
 * @example
 * createServer({ bodyLimit: MAX_BODY_BYTES * 4 });
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The most time a client has to send a whole request, in milliseconds (10 s); Node's HTTP server then
 * answers 408 and closes the connection. Raise it with `createServer({ requestTimeout })` or
 * `serve --request-timeout-ms N` (a long evaluate-batch upload needs more).
 *
 * @example
 * createServer({ requestTimeout: REQUEST_TIMEOUT_MS * 6 });
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The longest line of an evaluate-batch body, in bytes (1 MiB, as the CLI's `--batch`). A longer line
 * is answered by an error record `line_too_long` and the batch goes on; raise it with
 * `createServer({ maxBatchLineBytes })` or `serve --max-line-bytes N`.
 *
 * @example
 * createServer({ maxBatchLineBytes: 4 * MAX_BATCH_LINE_BYTES });
 */
export const MAX_BATCH_LINE_BYTES = 1024 * 1024;

/**
 * The most lines one evaluate-batch request may carry (100,000). Past it, one error record
 * `batch_too_large` ends the answer and the rest of the body is not read; raise it with
 * `createServer({ maxBatchLines })` or `serve --max-batch-lines N`.
 *
 * @example
 * createServer({ maxBatchLines: 10 * MAX_BATCH_LINES });
 */
export const MAX_BATCH_LINES = 100_000;
