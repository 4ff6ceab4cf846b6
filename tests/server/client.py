#!/usr/bin/env python3
"""A client of the jjj-policy-rules decision service using only Python's standard library.

Usage: python3 client.py [BASE_URL]   (default http://127.0.0.1:8080)
Prints the subsidy for a 3,000,000 yuan licence from Tianjin to a Shijiazhuang enterprise signed on
2025-06-01, then shows how a problem document (invalid facts) is read.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"


def evaluate(rule_id, facts, on=None, explain=False):
    """POST /v1/rules/{ruleId}/evaluate; returns the decision, or raises with the problem document."""
    body = {"facts": facts, "explain": explain}
    if on is not None:
        body["on"] = on
    # The rule id's "/" may be sent as is; quoting it (safe="") sends %2F, which the service accepts too.
    url = f"{BASE}/v1/rules/{urllib.parse.quote(rule_id, safe='')}/evaluate"
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        problem = json.load(error)  # application/problem+json
        raise RuntimeError(f"{problem['status']} {problem['code']}: " + "; ".join(f"{i['path']}: expected {i.get('expected')}, received {i.get('received')}" for i in problem["issues"])) from None


decision = evaluate(
    "sjz-2025/absorption-subsidy",
    {"contractAmount": "3000000", "transferMode": "license", "sourceRegion": "tianjin", "enterpriseCity": "shijiazhuang"},
    on="2025-06-01",
)
print(decision["outcome"]["amount"])  # money is a decimal string: 200000.00

try:
    evaluate("sjz-2025/absorption-subsidy", {"contractAmount": "3,000,000"}, on="2025-06-01")
except RuntimeError as problem:
    print(problem)
