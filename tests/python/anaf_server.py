#!/usr/bin/env python3
"""A local server speaking ANAF's PlatitorTvaRest v9 format, for the tests and the bench.

Standard library only. Started on a free port (`--port 0`); prints "listening PORT" once ready.
POST a JSON list of {"cui": N, "data": "YYYY-MM-DD"} to any path:
  - CUIs in tests/fixtures/anaf/companies.json are found (with "data" set to the date asked);
  - under /generated/ every other CUI is found too, as a company made from the first fixture;
  - otherwise they are listed in "notFound".
The first path segment chooses a behaviour: /slow/ waits --slow seconds before answering,
/429-once/ and /500-once/ refuse the first request to that path, /500-always/ every one,
/malformed/ sends a cut-off body, /down-after-N/ answers N requests and then only 503 (the
network dropping in the middle of a check). Requests in absolute form (sent through a proxy) are answered
the same way and noted as such, and so are those inside a CONNECT tunnel (the way ureq, like
most clients, goes through a proxy): the server plays both the proxy and ANAF. GET /_requests lists what was received: path, CUIs, seconds
since the server started, whether it came through a proxy.
"""
import argparse
import copy
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "anaf" / "companies.json"


class State:
    def __init__(self, slow):
        self.found = {c["date_generale"]["cui"]: c for c in json.loads(FIXTURES.read_text(encoding="utf-8"))["found"]}
        self.template = next(iter(self.found.values()))
        self.slow = slow
        self.started = time.monotonic()
        self.requests = []
        self.seen_paths = {}
        self.lock = threading.Lock()


def company(state, cui, date, generated):
    if cui in state.found:
        entry = copy.deepcopy(state.found[cui])
    elif generated:
        entry = copy.deepcopy(state.template)
        entry["date_generale"]["cui"] = cui
        entry["date_generale"]["denumire"] = f"FIRMA GENERATĂ {cui} S.R.L."
    else:
        return None
    entry["date_generale"]["data"] = date
    return entry


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_CONNECT(self):
        # The tunnel's far end is this same server: the next requests on the connection are ANAF's.
        self.tunnelled = True
        self.send_response(200, "Connection established")
        self.end_headers()

    def do_GET(self):
        state = self.server.state
        if urlsplit(self.path).path == "/_requests":
            with state.lock:
                self.send(200, state.requests)
        else:
            self.send(404, {"cod": 404, "message": "not found"})

    def do_POST(self):
        state = self.server.state
        via_proxy = getattr(self, "tunnelled", False) or self.path.startswith(("http://", "https://"))
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            queries = json.loads(raw)
            cuis = [int(q["cui"]) for q in queries]
            date = queries[0]["data"] if queries else ""
        except (ValueError, KeyError, TypeError):
            self.send(400, {"cod": 400, "message": "bad request"})
            return
        mode = path.strip("/").split("/")[0]
        if mode.startswith("down-after-"):
            # Counted over the mode, whatever follows it.
            path = "/" + mode
        with state.lock:
            seen = state.seen_paths.get(path, 0)
            state.seen_paths[path] = seen + 1
            state.requests.append(
                {"path": path, "cuis": cuis, "at": time.monotonic() - state.started, "via_proxy": via_proxy}
            )
        if len(cuis) > 100:
            self.send(400, {"cod": 400, "message": "Lista de CUI-uri depaseste 100"})
            return
        if mode == "slow":
            time.sleep(state.slow)
        if (mode in ("429-once", "500-once") and seen == 0) or mode == "500-always":
            self.send(429 if mode == "429-once" else 503, {"cod": 429, "message": "Too many requests"})
            return
        if mode.startswith("down-after-") and seen >= int(mode.rsplit("-", 1)[1]):
            self.send(503, {"cod": 503, "message": "Service Unavailable"})
            return
        if mode == "malformed":
            self.send(200, b'{"cod":200,"message":"SUCCESS","found":[{"date_generale":{"cui":')
            return
        found, not_found = [], []
        for cui in cuis:
            entry = company(state, cui, date, "generated" in urlsplit(self.path).path)
            if entry is None:
                not_found.append(cui)
            else:
                found.append(entry)
        self.send(200, {"cod": 200, "message": "SUCCESS", "found": found, "notFound": not_found})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--slow", type=float, default=3.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State(args.slow)
    print(f"listening {server.server_address[1]}", flush=True)
    # Stops when the test that started it closes its stdin (or ends).
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
