"""kill -9 durability check for `byline serve` (used by scripts/crash-test; loopback only, bounded).
The protocol of ../shared/tools/durability_check.py, adapted to our API: that tool reads acknowledged keys back
through GET /articles/by-key/{key}, which Byline does not have (ids are assigned by the server and articles are
deduplicated by content). Here each writer POSTs a unique article, keeps the id from the 201's Location, and after
the SIGKILL and a restart every acknowledged id must answer 200 with exactly the text that was sent; re-posting an
acknowledged text must answer 200 with the same id (the content hash survives too), and the database must pass
PRAGMA integrity_check. Exit 0 only when nothing acknowledged is missing or altered.
  python3 scripts/durability-kill.py --bin .build/release/byline --db /tmp/x.db [--rounds 5] [--clients 8]"""
import argparse, glob, http.client, json, os, random, signal, sqlite3, subprocess, sys, threading, time, uuid

ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--db", required=True)
ap.add_argument("--port", type=int, default=18200)
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--clients", type=int, default=8)
ap.add_argument("--min-kill", type=float, default=0.5)
ap.add_argument("--max-kill", type=float, default=3.0)
ap.add_argument("--corpus", default="", help="folder of .txt articles to use as bodies (default: a short text)")
a = ap.parse_args()

texts = []
for path in (sorted(glob.glob(os.path.join(a.corpus, "*", "*.txt")))[::5] if a.corpus else []):
    try: texts.append(open(path, encoding="utf-8").read())
    except UnicodeDecodeError: pass
if not texts:
    texts = ['Prime Minister Tony Blair met Gordon Brown in London on Monday. "We will cut taxes," Blair said.']

def start():
    p = subprocess.Popen([a.bin, "serve", "--port", str(a.port), "--database", a.db, "--log-level", "error"],
                         stdout=subprocess.DEVNULL, stderr=None if os.environ.get("CRASH_DEBUG") else subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=2); c.request("GET", "/ready")
            if c.getresponse().status == 200: return p
        except (OSError, http.client.HTTPException): pass
        if p.poll() is not None: sys.exit(f"server exited with {p.returncode} while starting")
        time.sleep(0.05)
    p.kill(); sys.exit("server did not become ready in 60 s")

acked, lock, stop = {}, threading.Lock(), threading.Event()  # id -> text
counts = {"sent": 0, "201": 0, "other": 0, "conn_err": 0}

def writer():
    c = None
    while not stop.is_set():
        key = uuid.uuid4().hex
        text = f"Crash test reference {key}.\n\n{random.choice(texts)}"
        body = json.dumps({"text": text, "date": "2005-03-%02d" % random.randint(1, 28)}).encode()
        try:
            if c is None: c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            c.request("POST", "/articles", body=body, headers={"Content-Type": "application/json"})
            r = c.getresponse(); r.read()
            with lock:
                counts["sent"] += 1
                if r.status == 201:
                    counts["201"] += 1
                    acked[int(r.getheader("Location").rsplit("/", 1)[1])] = text
                else: counts["other"] += 1
        except (OSError, http.client.HTTPException):
            with lock: counts["conn_err"] += 1
            c = None; time.sleep(0.01)

bad_all = set()
for rnd in range(a.rounds):
    srv = start(); stop.clear()
    ts = [threading.Thread(target=writer, daemon=True) for _ in range(a.clients)]; [t.start() for t in ts]
    time.sleep(random.uniform(a.min_kill, a.max_kill)); srv.send_signal(signal.SIGKILL); srv.wait()
    stop.set(); [t.join(15) for t in ts]
    srv = start(); c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10); bad = []
    with lock: items = list(acked.items())
    for id_, text in items:
        c.request("GET", f"/articles/{id_}"); r = c.getresponse(); data = r.read()
        if r.status != 200 or json.loads(data).get("text") != text: bad.append(id_)
    redo_ok = True
    if items:  # a client retrying an acknowledged POST after the crash gets the same article back
        id_, text = random.choice(items)
        c.request("POST", "/articles", body=json.dumps({"text": text}).encode(),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        redo_ok = r.status == 200 and r.getheader("Location") == f"/articles/{id_}"
        if not redo_ok: bad.append(id_)
    srv.send_signal(signal.SIGTERM); srv.wait(20)
    integrity = sqlite3.connect(a.db).execute("PRAGMA integrity_check").fetchone()[0]
    bad_all.update(bad)
    print(json.dumps({"round": rnd, "acked_so_far": len(items), "missing_or_altered": len(bad),
                      "repost_same_id": redo_ok, "integrity": integrity, **counts}), flush=True)
    if integrity != "ok": bad_all.add(-1)
ok = not bad_all and len(acked) > 0
print(json.dumps({"result": "PASS" if ok else "FAIL", "acked": len(acked), "missing_unique": len(bad_all)}))
sys.exit(0 if ok else 1)
