"""Throughput of the dashboard under gunicorn, as a ratio to a bare signed-in page.

    python tests/perf/throughput.py --database-url postgres://…/regiespiegel_benchdemo \
        [--code-dir DIR] [--seconds 8] [--rounds 4] [--clients 8]

Starts gunicorn on 127.0.0.1 (2 workers × 4 threads, CONN_MAX_AGE=60, the base settings:
DEBUG off, the local-memory score cache) from the code in --code-dir (default: this
checkout), signs in one demo account per client thread, and then alternates two phases of
--seconds each, --rounds times: every client requests the bare page (the password-changed
page: the base layout and nothing else) as fast as it is answered, then the dashboard. Both
see the same machine, minute by minute, so the ratio is what the dashboard costs on top of
the layout. Only loopback is used and every loop ends by its deadline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BARE = "/accounts/wachtwoord/gewijzigd/"
DASHBOARD = "/dashboard/"


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}/accounts/login/"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            raw = self.conn.getresponse()
            content = raw.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return 0, ""
        for header in raw.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return raw.status, content

    def login(self, username: str, password: str) -> bool:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            return False
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token[1], "username": username, "password": password},
        )
        return status == 302


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(code_dir: Path, database_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "throughput-measurement-only",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=2",
        "--worker-class=gthread",
        "--threads=4",
        "--timeout=60",
        f"--chdir={code_dir}",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def phase(sessions: list[Session], path: str, seconds: float) -> tuple[int, int]:
    """(answered with 200, other answers) of all clients requesting path for `seconds`."""
    deadline = time.monotonic() + seconds
    counts = [[0, 0] for _ in sessions]

    def run(index: int) -> None:
        while time.monotonic() < deadline:
            status, _ = sessions[index].request("GET", path)
            counts[index][0 if status == 200 else 1] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--code-dir", type=Path, default=ROOT)
    parser.add_argument("--username", default="secretaris.aalstad")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "regiespiegel-demo"))
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()

    port = free_port()
    server = start_gunicorn(options.code_dir, options.database_url, port)
    try:
        sessions = [Session(port) for _ in range(options.clients)]
        for session in sessions:
            if not session.login(options.username, options.password):
                raise SystemExit(f"could not sign in as {options.username}")
        phase(sessions, DASHBOARD, 2)  # warm the workers and the score cache
        phase(sessions, BARE, 2)
        results: dict[str, list[float]] = {"bare": [], "dashboard": []}
        for _ in range(options.rounds):
            for name, path in (("bare", BARE), ("dashboard", DASHBOARD)):
                ok, other = phase(sessions, path, options.seconds)
                if other:
                    print(f"warning: {other} answers other than 200 for {path}", file=sys.stderr)
                results[name].append(ok / options.seconds)
        bare = sum(results["bare"]) / len(results["bare"])
        dashboard = sum(results["dashboard"]) / len(results["dashboard"])
        print(
            json.dumps(
                {
                    "code_dir": str(options.code_dir),
                    "bare_rps": round(bare, 1),
                    "dashboard_rps": round(dashboard, 1),
                    "ratio": round(dashboard / bare, 3),
                    "per_round": results,
                },
                indent=2,
            )
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
