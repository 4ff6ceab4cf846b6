/*
 * Prometheus metrics in the text exposition format (0.0.4), written by hand: four families, no
 * registry to configure, no dependency. Label values are route templates, status codes, error codes and
 * rule ids the rule set knows, so the number of series stays bounded.
 */

/** The upper bounds of the latency histogram, in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * The service's counters: requests by route and status, latencies by route, decisions by rule and
 * errors by code.
 *
 * @example
 * const m = new Metrics();
 * m.request("GET", "/healthz", 200, 0.0004);
 * m.text().includes('jjj_http_requests_total{method="GET",route="/healthz",status="200"} 1') //=> true
 */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #latency = new Map<string, Histogram>();
  readonly #decisions = new Map<string, number>();
  readonly #errors = new Map<string, number>();

  /** Count one answered request and its latency. */
  request(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    const hkey = `route="${escapeLabel(route)}"`;
    let h = this.#latency.get(hkey);
    if (!h) this.#latency.set(hkey, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  /** Count `n` decisions of a rule. */
  decisions(ruleId: string, n = 1): void {
    const key = `rule="${escapeLabel(ruleId)}"`;
    this.#decisions.set(key, (this.#decisions.get(key) ?? 0) + n);
  }

  /** Count one error answer (a problem document or an error record of a batch) by its code. */
  error(code: string): void {
    const key = `code="${escapeLabel(code)}"`;
    this.#errors.set(key, (this.#errors.get(key) ?? 0) + 1);
  }

  /** The exposition text, for GET /metrics. */
  text(): string {
    const out: string[] = [];
    family(out, "jjj_http_requests_total", "counter", "HTTP requests answered, by method, route and status.", this.#requests);
    out.push("# HELP jjj_http_request_duration_seconds Time from request to response, by route.", "# TYPE jjj_http_request_duration_seconds histogram");
    for (const [labels, h] of this.#latency) {
      BUCKETS.forEach((le, i) => out.push(`jjj_http_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i]}`));
      out.push(`jjj_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`jjj_http_request_duration_seconds_sum{${labels}} ${h.sum}`, `jjj_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    family(out, "jjj_decisions_total", "counter", "Decisions made, by rule.", this.#decisions);
    family(out, "jjj_errors_total", "counter", "Error answers (problem documents and batch error records), by code.", this.#errors);
    return `${out.join("\n")}\n`;
  }
}

function family(out: string[], name: string, type: string, help: string, values: Map<string, number>): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, n] of values) out.push(`${name}{${labels}} ${n}`);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
