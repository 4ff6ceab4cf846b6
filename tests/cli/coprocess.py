"""Drive the built CLI as a co-process, one line at a time, as a Python service would.

Usage: python3 coprocess.py <node> <cli.js> <command...>  (facts lines on our own stdin, one per line)
Writes each line to the CLI's stdin, keeps that stdin open, and waits for the answer line: at most 30 s
for the first (the CLI starts and loads its rules meanwhile), at most 1 s for each later one.
Prints one JSON object: {"answers": [{"seconds": s, "line": "..."} | {"timeout": true}], "code": exit code}.
"""
import json
import select
import subprocess
import sys
import time

node, cli, *command = sys.argv[1:]
requests = [line for line in sys.stdin.read().splitlines() if line.strip()]
child = subprocess.Popen([node, cli, *command], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
answers = []
buffer = b""
for index, request in enumerate(requests):
    limit = 30.0 if index == 0 else 1.0
    child.stdin.write(request.encode("utf-8") + b"\n")
    child.stdin.flush()
    start = time.monotonic()
    answer = None
    while answer is None and time.monotonic() - start < limit:
        ready, _, _ = select.select([child.stdout], [], [], max(0.0, limit - (time.monotonic() - start)))
        if not ready:
            break
        chunk = child.stdout.read1(65536)
        if not chunk:
            break
        buffer += chunk
        if b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            answer = {"seconds": round(time.monotonic() - start, 3), "line": line.decode("utf-8")}
    answers.append(answer if answer is not None else {"timeout": True})
child.stdin.close()
rest = child.stdout.read()
code = child.wait(timeout=30)
print(json.dumps({"answers": answers, "rest": rest.decode("utf-8"), "code": code}))
