"""The Wayback Machine's two APIs, as `python -m generator archive` uses them: the
availability API (is there a copy of a page?) and Save Page Now (make one).

Every request has a timeout; a timeout, a refused connection, a 5xx answer or a 429 is
asked again, up to ``retries`` times, after a pause that doubles each time (or the
`Retry-After` the server gave). An answer that is not the JSON the API documents is a
failure at once: asking again would get the same answer. Nothing here touches the data.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import urllib.request

DEFAULT_API = "https://web.archive.org"
USER_AGENT = "china-crypto-crackdown-tracker archiver (+https://github.com/china-crypto-crackdown-tracker)"
TIMESTAMP = re.compile(r"^[0-9]{14}$")


class Failed(Exception):
    """A question the archive could not answer: after the retries, or with a malformed answer."""


class RateLimited(Failed):
    """The archive asks us to stop (429 after the retries, or Save Page Now's daily limit)."""


@dataclass(frozen=True)
class Client:
    """How to reach the archive: its base URL (``--api``, WAYBACK_API) and how patiently."""

    api: str = DEFAULT_API
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0  # seconds before the first retry; doubled for each next one
    keys: tuple[str, str] | None = None  # Save Page Now's access and secret keys

    def ask(self, request: urllib.request.Request) -> Any:
        """The JSON the archive answers ``request`` with, retrying what may pass; raises Failed."""
        import urllib.error  # here, not above: the package imports this module, only `archive` asks the network
        import urllib.request

        for attempt in range(self.retries + 1):
            pause = self.backoff * 2**attempt
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise Failed(f"HTTP {exc.code}") from None
                why: str = f"HTTP {exc.code}"
                pause = max(pause, retry_after(exc.headers.get("Retry-After")))
                if attempt == self.retries and exc.code == 429:
                    raise RateLimited("HTTP 429 (too many requests)") from None
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                why = "no answer in time" if "timed out" in str(exc) else f"no answer: {getattr(exc, 'reason', exc)}"
            else:
                try:
                    return json.loads(body)
                except ValueError:
                    raise Failed("the answer is not JSON") from None
            if attempt < self.retries:
                time.sleep(pause)
        tries = self.retries + 1
        raise Failed(f"{why}, after {tries} {'try' if tries == 1 else 'tries'}")

    def request(self, path: str, data: dict[str, str] | None = None) -> urllib.request.Request:
        import urllib.request

        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if data is not None and self.keys:
            headers["Authorization"] = f"LOW {self.keys[0]}:{self.keys[1]}"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        return urllib.request.Request(self.api.rstrip("/") + path, data=body, headers=headers)

    def available(self, url: str) -> str | None:
        """The timestamp of the newest copy of ``url`` that the archive can show (an HTTP 2xx
        capture), or None when it has none. Raises Failed."""
        answer = self.ask(self.request("/wayback/available?" + urllib.parse.urlencode({"url": url})))
        snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
        if not isinstance(snapshots, dict):
            raise Failed("the answer has no archived_snapshots")
        closest = snapshots.get("closest")
        if closest is None:
            return None
        if not isinstance(closest, dict):
            raise Failed("the answer's closest snapshot is not an object")
        if closest.get("available") is not True or not str(closest.get("status", "200")).startswith("2"):
            return None  # a capture of an error page or a redirect is no copy of the source
        return timestamp(closest.get("timestamp"))

    def save(self, url: str, poll: float = 5.0, patience: float = 180.0) -> str | None:
        """Ask Save Page Now for a copy of ``url`` and wait for it: its timestamp, or None
        when the archive could not capture the page. Raises Failed, RateLimited."""
        answer = self.ask(self.request("/save", {"url": url, "skip_first_archive": "1"}))
        job = answer.get("job_id") if isinstance(answer, dict) else None
        if not isinstance(job, str) or not job:
            message = str(answer.get("message", "")) if isinstance(answer, dict) else ""
            if "limit" in message.lower():
                raise RateLimited(message)
            raise Failed(f"Save Page Now started no capture: {message or 'no job_id'}")
        deadline = time.monotonic() + patience
        while True:
            status = self.ask(self.request(f"/save/status/{urllib.parse.quote(job, safe='')}"))
            state = status.get("status") if isinstance(status, dict) else None
            if state == "success":
                return timestamp(status.get("timestamp"))
            if state == "error":
                why = str(status.get("status_ext", ""))
                if "limit" in why or "too-many" in why:
                    raise RateLimited(f"Save Page Now: {why}")
                return None  # the page could not be captured (gone, blocked, refused)
            if state != "pending":
                raise Failed(f"Save Page Now answered the status {state!r}")
            if time.monotonic() > deadline:
                raise Failed(f"Save Page Now's capture took over {patience:.0f} s")
            time.sleep(poll)


def timestamp(value: Any) -> str:
    if not isinstance(value, str) or not TIMESTAMP.match(value):
        raise Failed(f"the snapshot's timestamp {value!r} is not YYYYMMDDhhmmss")
    return value


def retry_after(value: str | None) -> float:
    """Seconds a Retry-After header asks for (its date form is not used by the archive); 0 if none."""
    try:
        return min(float(value or 0), 300.0)
    except ValueError:
        return 0.0


def copy_url(timestamp: str, url: str) -> str:
    """The address written into `archived`: the copy at ``timestamp`` of the source's own URL."""
    return f"https://web.archive.org/web/{timestamp}/{url}"
