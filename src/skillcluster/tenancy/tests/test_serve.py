"""The production command serves the demo with DEBUG=0: gunicorn workers, static files, HTTPS behind a proxy."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """Plain HTTP to the server as a TLS proxy would forward it (X-Forwarded-Proto: https), cookies kept."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response, content.decode(errors="replace")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    var = tmp_path_factory.mktemp("prod")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillcluster.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CREDENTIAL_KEY_SECRET": secrets.token_urlsafe(32),
        "SKILLCLUSTER_VAR_DIR": str(var),
        "TAXONOMY_LINKER_MODEL": "lexical",
        "BEHIND_TLS_PROXY": "1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DATABASE_URL", None)  # its own SQLite file: the test database belongs to the test run
    for relaxed in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "LOG_FORMAT"):  # set for the test client only
        env.pop(relaxed, None)
    command = [sys.executable, "-m", "skillcluster.cli"]
    for step in (["migrate", "--no-input"], ["seed", "--firms", "6", "--seed", "1"]):
        subprocess.run([*command, *step], env=env, check=True, capture_output=True)  # noqa: S603 — our own command
    log = (var / "serve.log").open("w")
    server = subprocess.Popen(  # noqa: S603 — our own interpreter and command
        [*command, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            response, _ = Browser(port).request("GET", "/healthz")
            if response.status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail(f"the server did not come up: {Path(var / 'serve.log').read_text()[-2000:]}")
    yield Browser(port)
    server.terminate()
    server.wait(timeout=20)


def test_health_and_https_redirect(served):
    response, body = served.request("GET", "/healthz", headers={"X-Forwarded-Proto": "http"})
    assert (response.status, body) == (200, '{"status": "ok", "database": "ok"}')
    response, _ = served.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "http"})
    assert response.status == 301
    assert response.getheader("Location").startswith("https://")


def test_production_serves_the_demo_pages_and_hashed_static_files(served):
    response, page = served.request("GET", "/accounts/login/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
    static, css = served.request("GET", stylesheet)
    assert static.status == 200
    assert "max-age=315360000" in static.getheader("Cache-Control")
    assert ".card" in css

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = f"csrfmiddlewaretoken={token}&username=owner%40skillcluster.demo&password=skillcluster-demo"
    referer = f"https://127.0.0.1:{served.port}/accounts/login/"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer}
    response, _ = served.request("POST", "/accounts/login/", form, headers)
    assert response.status == 302
    response, page = served.request("GET", response.getheader("Location"))
    while response.status == 302:
        response, page = served.request("GET", response.getheader("Location"))
    assert response.status == 200
    assert "Waiting for you" in page
