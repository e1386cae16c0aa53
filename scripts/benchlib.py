"""Helpers the benchmark scripts share: running commands, starting and
stopping servers, and loading tile lists with wrk."""
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ANCHORS = Path(__file__).resolve().parent.parent.parent / "shared/bench/anchors/tiles"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def wait_http(url, proc, log):
    for _ in range(600):
        if proc.poll() is not None:
            sys.exit(f"{cmd_name(proc)} exited: see {log}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.2)
    sys.exit(f"{cmd_name(proc)} did not answer {url}")


def cmd_name(proc):
    return Path(str(proc.args[0])).name


def start(results, what, cmd, health, env=None):
    """Starts `cmd`, logging to results/what.log, and waits for `health`."""
    import os
    log = results / f"{what}.log"
    # A server left over on the port would answer the health check for a
    # new one that failed to bind, and be measured in its place.
    try:
        urllib.request.urlopen(health, timeout=1)
        busy = True
    except urllib.error.HTTPError:  # an answer all the same
        busy = True
    except OSError:
        busy = False
    if busy:
        sys.exit(f"something already answers {health}: stop it before benchmarking")
    proc = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    wait_http(health, proc, log)
    return proc


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def tile_list(out, layers, template, base, zooms):
    """Writes the anchors' tile lists (urls_<label>_z<z>.txt) into `out`."""
    run(["python3", str(ANCHORS / "tile_list.py"), "--out-dir", str(out), "--layers", layers,
         "--template", template, "--base-url", f"http://{base}", "--zooms", ",".join(map(str, zooms))])
    return out


def warm(list_file):
    """Requests every URL once (fills a cache) and returns the gzipped bytes."""
    total = 0
    for url in open(list_file).read().split():
        req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as r:
            total += len(r.read())
    return total


def wrk(base, list_file, secs, conns):
    """Replays `list_file` with wrk: req/s, p99 ms and non-2xx count."""
    out = run(["wrk", "-t", "1", "-c", str(conns), "-d", f"{secs}s", "--latency", "-s", str(ANCHORS / "wrk_list.lua"),
               f"http://{base}", "--", str(list_file), "gzip"]).stdout

    def ms(v, unit):
        return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    p99 = ms(*re.search(r"99%\s+([0-9.]+)(us|ms|s)", out).groups())
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p99_ms": p99, "non2xx": int(bad.group(1)) if bad else 0}
