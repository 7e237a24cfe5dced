"""Load benchmark: the production server (gunicorn, DEBUG=0) under concurrent logged-in clients.

    python bench/web_load.py [--firms 40] [--workers 4] [--concurrency 50] [--seconds 20] [--think 1.0]
                             [--postgres URL [--keep]] [--only PAGES]

Seeds a demo cluster of FIRMS firms into a fresh database (a temporary SQLite file, or with `--postgres URL`
a scratch PostgreSQL database, which is emptied); with `--keep` it uses the database at URL (`--database` is
the same option) as it is, neither emptied nor seeded, e.g. a region built by `bench/region.py`, which must
hold the demo personas. Then it starts `skillcluster serve` (which applies pending migrations) with WORKERS
gunicorn workers, logs in as the demo firm owner and cluster manager, then drives each page for SECONDS with CONCURRENCY
clients. Each client behaves like a person: it asks for the page, waits THINK seconds (±50 %), asks again
(`--think 0` hammers the server instead). The clients run in this process on the same machine, so they share
its cores with the server. Prints one JSON line per page:
{"page", "concurrency", "requests", "errors", "p50_ms", "p95_ms", "rps"}, after one line saying what it ran on:
{"database", "firms", "people", "ratings", "cluster_firms"} (the whole database, then the personas' cluster).
Target on the 2-core machine: zero errors, p95 under 200 ms for the firm and cluster pages at 50 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "skillcluster.cli"]
PAGES = ["firm", "firm-diagnostic", "firm-audit", "api-firm", "cluster", "engagement", "round", "skills"]
IDS = """
import json
from django_scopes import scopes_disabled
from skillcluster.tenancy.models import Membership
from skillcluster.diagnostics.models import DiagnosticRound
with scopes_disabled():
    firm = Membership.objects.get(person__email="owner@skillcluster.demo").firm
    last = DiagnosticRound.objects.filter(cluster=firm.cluster).order_by("-opens_on").first()
    print(json.dumps({"firm": firm.pk, "cluster": firm.cluster_id, "round": last.pk}))
"""
SIZE = """
import json
from django.db import connection
from django_scopes import scopes_disabled
from skillcluster.audits.models import Rating
from skillcluster.tenancy.models import Firm, Membership
with scopes_disabled():
    firm = Membership.objects.get(person__email="owner@skillcluster.demo").firm
    print(json.dumps({"database": connection.vendor, "firms": Firm.objects.count(),
                      "people": Membership.objects.count(), "ratings": Rating.objects.count(),
                      "cluster_firms": Firm.objects.filter(cluster=firm.cluster_id).count()}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _request(port: int, method: str, path: str, cookies: dict[str, str], body: str = "",
                   headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "X-Forwarded-Proto: https",
             "Connection: close", f"Content-Length: {len(body.encode())}"]  # fmt: skip
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n" + body).encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode(errors="replace").split("\r\n")
    found: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            key, _, rest = value.strip().partition("=")
            cookies[key] = rest.split(";", 1)[0]
        found[name.lower()] = value.strip()
    return int(status_line.split()[1]), found, content


async def _login(port: int, email: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    _, _, page = await _request(port, "GET", "/accounts/login/", cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()  # type: ignore[union-attr]
    form = urlencode({"csrfmiddlewaretoken": token, "username": email, "password": "skillcluster-demo"})
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Referer": f"https://127.0.0.1:{port}/accounts/login/"}  # fmt: skip
    status, _, _ = await _request(port, "POST", "/accounts/login/", cookies, form, headers)
    if status != 302:
        raise SystemExit(f"login as {email} failed ({status})")
    return cookies


async def _drive(port: int, path: str, cookies: dict[str, str], concurrency: int, seconds: float,
                 think: float) -> dict[str, object]:  # fmt: skip
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def client() -> None:
        nonlocal errors
        await asyncio.sleep(random.uniform(0, think or 0.01))
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status, _, _ = await _request(port, "GET", path, dict(cookies))
            except OSError:
                status = 0
            latencies.append((time.perf_counter() - started) * 1000)
            errors += status != 200
            if think:
                await asyncio.sleep(think * random.uniform(0.5, 1.5))

    began = time.monotonic()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "page": path, "concurrency": concurrency, "requests": len(latencies), "errors": errors,
        "p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1), "rps": round(len(latencies) / elapsed, 1),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--firms", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--postgres", "--database", default=os.environ.get("DATABASE_URL_PG"))
    parser.add_argument("--keep", action="store_true", help="use the database as it is: no emptying, no seed")
    parser.add_argument("--only", default="", help=f"drive only these pages, comma-separated: {', '.join(PAGES)}")
    args = parser.parse_args()
    if args.keep and not args.postgres:
        parser.error("--keep needs --postgres URL (--database URL)")
    unknown = {name for name in args.only.split(",") if name} - set(PAGES)
    if unknown:
        parser.error(f"--only: no page called {', '.join(sorted(unknown))}; pages: {', '.join(PAGES)}")

    var = Path(tempfile.mkdtemp(prefix="skillcluster-load-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "skillcluster.settings", "DEBUG": "0",
           "SECRET_KEY": secrets.token_urlsafe(50), "CREDENTIAL_KEY_SECRET": secrets.token_urlsafe(32),
           "SKILLCLUSTER_VAR_DIR": str(var), "BEHIND_TLS_PROXY": "1", "ALLOWED_HOSTS": "127.0.0.1",
           "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT / "src")}  # fmt: skip
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    if not args.keep:
        if args.postgres:
            subprocess.run([*CLI, "flush", "--no-input"], env=env, capture_output=True, check=False)  # noqa: S603
        for step in (["migrate", "--no-input"], ["seed", "--firms", str(args.firms), "--seed", "1"]):
            subprocess.run([*CLI, *step], env=env, check=True, capture_output=True)  # noqa: S603
    ids = _shell(IDS, env)
    print(json.dumps(_shell(SIZE, env)), flush=True)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        asyncio.run(_run(port, ids, args))
    finally:
        server.terminate()
        server.wait(timeout=30)


def _shell(code: str, env: dict[str, str]) -> dict[str, int]:
    """The JSON that a snippet prints last, run in `skillcluster shell`."""
    done = subprocess.run([*CLI, "shell", "-c", code], env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


async def _run(port: int, ids: dict[str, int], args: argparse.Namespace) -> None:
    for _ in range(120):
        try:
            if (await _request(port, "GET", "/healthz", {}))[0] == 200:
                break
        except OSError:
            await asyncio.sleep(0.5)
    owner = await _login(port, "owner@skillcluster.demo")
    manager = await _login(port, "manager@skillcluster.demo")
    firm, cluster, round_id = ids["firm"], ids["cluster"], ids["round"]
    pages = {
        "firm": (owner, f"/firms/{firm}/"),
        "firm-diagnostic": (owner, f"/firms/{firm}/diagnostic/{round_id}/report/"),
        "firm-audit": (owner, f"/firms/{firm}/audit/report/"),
        "api-firm": (owner, f"/api/v1/firms/{firm}"),
        "cluster": (manager, f"/clusters/{cluster}/"),
        "engagement": (manager, f"/clusters/{cluster}/engagement/"),
        "round": (manager, f"/clusters/{cluster}/diagnostic/{round_id}/"),
        "skills": (manager, f"/clusters/{cluster}/skills/"),
    }
    wanted = [name for name in args.only.split(",") if name] or PAGES
    for name in wanted:
        cookies, path = pages[name]
        await _request(port, "GET", path, dict(cookies))  # warm: templates, caches, the linker
        result = await _drive(port, path, cookies, args.concurrency, args.seconds, args.think)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
