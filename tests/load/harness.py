"""A small load generator: virtual users in threads speaking HTTP/1.1 with http.client.

Only loopback: the server under test is started by the test itself on 127.0.0.1. Every loop is
bounded by a deadline. Two kinds of users:

- FillUser: a griffier filling in one draft assessment (which no other virtual user touches):
  opens a theme page, saves one answer the htmx way, now and then saves a whole theme the
  no-JavaScript way. It remembers the last value the server acknowledged for every item.
- ReadUser: a gemeentesecretaris opening the dashboard, a partnership dashboard, a round's
  side-by-side view and now and then the Excel export.
"""

import http.client
import random
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.htmlforms import post_forms

VALUES = ["0", "1", "2", "3", "4", "weet_niet", "nvt"]
NVT_EXPLANATION = "Geldt hier niet: de taak is bij de provincie belegd."


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float


@dataclass
class Stats:
    """Shared by all users; guarded by a lock."""

    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)  # (kind, status) -> n
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    exceptions: list[str] = field(default_factory=list)
    server_errors: list[tuple[float, str, int, str]] = field(default_factory=list)
    timeline: list[tuple[float, str, int]] = field(default_factory=list)  # (t, kind, status)

    def record(self, kind: str, method: str, path: str, response: Response) -> None:
        t = time.monotonic() - self.started
        with self.lock:
            self.statuses[(kind, response.status)] += 1
            self.latencies[kind].append(response.seconds)
            self.timeline.append((t, kind, response.status))
            if response.status >= 500:
                self.server_errors.append((t, f"{method} {path}", response.status, response.body))

    def failed(self, kind: str, method: str, path: str, exc: BaseException) -> None:
        t = time.monotonic() - self.started
        with self.lock:
            self.exceptions.append(f"{t:.1f}s {kind} {method} {path}: {exc!r}")
            self.timeline.append((t, kind, 0))

    def total(self) -> int:
        return sum(self.statuses.values())

    def summary(self) -> list[str]:
        duration = max(time.monotonic() - self.started, 0.001)
        lines = [
            f"{self.total()} requests in {duration:.0f} s ({self.total() / duration:.1f}/s), "
            f"{len(self.server_errors)} server errors, {len(self.exceptions)} connection errors"
        ]
        for kind in sorted(self.latencies):
            values = sorted(self.latencies[kind])
            p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
            codes = ", ".join(
                f"{status}: {n}" for (k, status), n in sorted(self.statuses.items()) if k == kind
            )
            lines.append(
                f"  {kind:<16} n={len(values):<5} median={statistics.median(values) * 1000:6.0f} ms "
                f"p95={p95 * 1000:6.0f} ms  [{codes}]"
            )
        return lines


class Client:
    """One browser-like session: a keep-alive connection and a cookie jar."""

    def __init__(self, host: str, port: int, stats: Stats, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.stats = stats
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response | None:
        body = urlencode(data).encode() if data is not None else None
        all_headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            if "csrftoken" in self.cookies:
                all_headers["X-CSRFToken"] = self.cookies["csrftoken"]
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=all_headers)
                raw = conn.getresponse()
                content = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                # A keep-alive connection the server closed between two requests: retry once
                # on a fresh connection for idempotent requests, as browsers do.
                self.close()
                if attempt == 2 or method != "GET":
                    self.stats.failed(kind, method, path, exc)
                    return None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                self.stats.failed(kind, method, path, exc)
                return None
        for header in raw.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if raw.getheader("Connection", "").lower() == "close":
            self.close()
        response = Response(
            raw.status,
            {k.lower(): v for k, v in raw.getheaders()},
            content.decode("utf-8", "replace"),
            time.monotonic() - started,
        )
        self.stats.record(kind, method, path, response)
        return response

    def login(self, username: str, password: str) -> bool:
        page = self.request("login", "GET", "/accounts/login/")
        if page is None or page.status != 200:
            return False
        form = next(f for f in post_forms(page.body) if "username" in f.names())
        data = form.data() | {"username": username, "password": password}
        response = self.request("login", "POST", "/accounts/login/", data)
        return response is not None and response.status == 302


@dataclass
class Acknowledged:
    """What the server said it saved: {(assessment id, code): (value, explanation)}."""

    saved: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    uncertain: set[tuple[int, str]] = field(default_factory=set)
    saves: int = 0
    theme_saves: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, key: tuple[int, str], value: str, explanation: str) -> None:
        with self.lock:
            self.saved[key] = (value, explanation)
            self.uncertain.discard(key)

    def unknown(self, key: tuple[int, str]) -> None:
        """The outcome of a save is unknown (no answer, or an error after a possible commit)."""
        with self.lock:
            self.uncertain.add(key)


class FillUser(threading.Thread):
    def __init__(
        self,
        *,
        client: Client,
        username: str,
        password: str,
        assessment_id: int,
        themes: dict[str, list[str]],
        ack: Acknowledged,
        deadline: float,
        seed: int,
        think: tuple[float, float] = (0.05, 0.3),
    ) -> None:
        super().__init__(daemon=True, name=f"fill-{assessment_id}")
        self.client, self.username, self.password = client, username, password
        self.assessment_id, self.themes, self.ack = assessment_id, themes, ack
        self.deadline, self.rng, self.think = deadline, random.Random(seed), think

    def run(self) -> None:
        while time.monotonic() < self.deadline and not self.client.login(
            self.username, self.password
        ):
            time.sleep(0.5)
        while time.monotonic() < self.deadline:
            theme = self.rng.choice(list(self.themes))
            if self.rng.random() < 0.2:
                self.save_theme(theme)
            else:
                self.save_item(theme)
            time.sleep(self.rng.uniform(*self.think))
        self.client.close()

    def _theme_form(self, theme: str):
        path = f"/evaluaties/{self.assessment_id}/thema/{theme}/"
        page = self.client.request("theme_page", "GET", path)
        if page is None or page.status != 200:
            return path, None
        forms = [f for f in post_forms(page.body) if "theme" in f.names()]
        return path, (forms[0] if forms else None)

    def _value(self) -> tuple[str, str]:
        value = self.rng.choice(VALUES)
        explanation = (
            NVT_EXPLANATION if value == "nvt" else f"Toelichting {self.rng.randint(1, 999)}"
        )
        return value, explanation

    def save_item(self, theme: str) -> None:
        path, form = self._theme_form(theme)
        if form is None:
            return
        code = self.rng.choice(self.themes[theme])
        prefix = code.replace(".", "_")
        value, explanation = self._value()
        data = {k: v for k, v in form.data().items() if k.startswith(f"{prefix}-")}
        data |= {"theme": theme, f"{prefix}-value": value, f"{prefix}-explanation": explanation}
        key = (self.assessment_id, code)
        response = self.client.request(
            "save_answer",
            "POST",
            f"/evaluaties/{self.assessment_id}/antwoord/{code}/",
            data,
            headers={"HX-Request": "true"},
        )
        if response is None or response.status >= 500:
            self.ack.unknown(key)
            return
        if response.status == 200 and (
            "Opgeslagen" in response.body or "Geen wijziging" in response.body
        ):
            self.ack.ack(key, value, explanation)
            with self.ack.lock:
                self.ack.saves += 1

    def save_theme(self, theme: str) -> None:
        path, form = self._theme_form(theme)
        if form is None:
            return
        data = form.data()
        chosen: dict[str, tuple[str, str]] = {}
        for code in self.themes[theme]:
            prefix = code.replace(".", "_")
            if f"{prefix}-value" not in form.names():
                continue
            value, explanation = self._value()
            data[f"{prefix}-value"] = value
            data[f"{prefix}-explanation"] = explanation
            chosen[code] = (value, explanation)
        data["opslaan"] = ""
        response = self.client.request("save_theme", "POST", path, data)
        keys = [(self.assessment_id, code) for code in chosen]
        if response is None or response.status >= 500:
            for key in keys:
                self.ack.unknown(key)
            return
        if response.status == 302:
            for code, (value, explanation) in chosen.items():
                self.ack.ack((self.assessment_id, code), value, explanation)
            with self.ack.lock:
                self.ack.theme_saves += 1


class ReadUser(threading.Thread):
    def __init__(
        self,
        *,
        client: Client,
        username: str,
        password: str,
        partnership_ids: list[int],
        round_ids: list[int],
        deadline: float,
        seed: int,
        think: tuple[float, float] = (0.1, 0.5),
    ) -> None:
        super().__init__(daemon=True, name=f"read-{username}-{seed}")
        self.client, self.username, self.password = client, username, password
        self.partnership_ids, self.round_ids = partnership_ids, round_ids
        self.deadline, self.rng, self.think = deadline, random.Random(seed), think

    def run(self) -> None:
        while time.monotonic() < self.deadline and not self.client.login(
            self.username, self.password
        ):
            time.sleep(0.5)
        while time.monotonic() < self.deadline:
            draw = self.rng.random()
            if draw < 0.4:
                self.client.request("dashboard", "GET", "/dashboard/")
            elif draw < 0.65:
                pk = self.rng.choice(self.partnership_ids)
                self.client.request(
                    "partnership_dash", "GET", f"/samenwerkingsverbanden/{pk}/dashboard/"
                )
            elif draw < 0.9:
                pk = self.rng.choice(self.round_ids)
                self.client.request("round_compare", "GET", f"/rondes/{pk}/naast-elkaar/")
            else:
                self.client.request("dashboard_xlsx", "GET", "/dashboard/export.xlsx")
            time.sleep(self.rng.uniform(*self.think))
        self.client.close()


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def start_users(
    url: str,
    load_data,
    *,
    stats: Stats,
    ack: Acknowledged,
    password: str,
    fillers: int,
    readers: int,
    seconds: float,
) -> list[threading.Thread]:
    """Start `fillers` users filling in drafts and `readers` users reading dashboards and
    side-by-side views against the server at `url`, all stopping after `seconds`."""
    host, port = host_port(url)
    deadline = time.monotonic() + seconds
    users: list[threading.Thread] = [
        FillUser(
            client=Client(host, port, stats),
            username=username,
            password=password,
            assessment_id=assessment_id,
            themes=themes,
            ack=ack,
            deadline=deadline,
            seed=i,
        )
        for i, (username, assessment_id, themes) in enumerate(load_data.fillers[:fillers])
    ]
    for i in range(readers):
        username, partnership_ids, round_ids = load_data.readers[i % len(load_data.readers)]
        users.append(
            ReadUser(
                client=Client(host, port, stats),
                username=username,
                password=password,
                partnership_ids=partnership_ids,
                round_ids=round_ids,
                deadline=deadline,
                seed=100 + i,
            )
        )
    for user in users:
        user.start()
    return users


def answers_in_database(ack: Acknowledged) -> list[str]:
    """Compare every acknowledged save with the database; returns the differences."""
    from assessments.models import Answer

    keys = [k for k in ack.saved if k not in ack.uncertain]
    rows = Answer.objects.filter(
        assessment_id__in={a for a, _ in keys}, recommendation__code__in={c for _, c in keys}
    ).values_list("assessment_id", "recommendation__code", "score", "special", "explanation")
    stored = {
        (a, code): (str(score) if score is not None else special, explanation)
        for a, code, score, special, explanation in rows
    }
    problems = []
    for key in keys:
        expected = ack.saved[key]
        if stored.get(key) != expected:
            problems.append(f"{key}: acknowledged {expected}, database has {stored.get(key)}")
    return problems
