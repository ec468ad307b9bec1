"""A tiny Chrome DevTools Protocol client for the browser tests, standard library only.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol messages (JSON, each
ended by a NUL byte) from file descriptor 3 and writes its answers and events to descriptor 4,
so no websocket and no port is needed. One page target is attached in flat session mode;
``Runtime.exceptionThrown``, console errors and log errors are collected in ``errors``.

Never downloads a browser: it runs the Debian ``chromium`` package (``/usr/bin/chromium``) or
the executable named by ``$CHROMIUM``; :func:`find_chromium` returns None when there is none.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page. Use as a context manager."""

    def __init__(self, executable: str, width: int = 1280, height: int = 900,
                 timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="sakiplint-chromium-")
        # our ends: we write to w_ours (Chromium reads it as fd 3), read r_ours (its fd 4)
        r_theirs, w_ours = os.pipe()
        r_ours, w_theirs = os.pipe()

        def child_fds() -> None:  # runs in the child before exec: the ends at 3 and 4
            import fcntl

            a = fcntl.fcntl(r_theirs, fcntl.F_DUPFD_CLOEXEC, 10)
            b = fcntl.fcntl(w_theirs, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(a, 3)  # dup2's copies are inheritable; every other descriptor of ours
            os.dup2(b, 4)  # is close-on-exec (Python's default)

        self._proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self._profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False,
        )
        os.close(r_theirs)
        os.close(w_theirs)
        self._w = os.fdopen(w_ours, "wb", buffering=0)
        self._r = os.fdopen(r_ours, "rb", buffering=0)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.session: str | None = None
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.call("Target.attachToTarget",
                                     {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                self.call(f"{domain}.enable")
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1,
                       "mobile": False})
        except BaseException:
            self.close()
            raise

    # ----------------------------------------------------------------- protocol

    def _send(self, msg: dict[str, Any]) -> None:
        self._w.write(json.dumps(msg).encode() + b"\0")

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise CDPError("timed out waiting for Chromium")
            chunk = self._r.read(65536)
            if not chunk:
                raise CDPError("Chromium closed the pipe")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        msg: dict[str, Any] = json.loads(raw)
        if "id" not in msg:
            self._event(msg)
        return msg

    def _event(self, msg: dict[str, Any]) -> None:
        self.events.append(msg)
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.errors.append(str(d.get("exception", {}).get("description") or d.get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description")))
                                        for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(str(params["entry"].get("text")))

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        self._send(msg)
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise CDPError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def wait_event(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        for i, ev in enumerate(self.events):
            if ev.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            msg = self._read(deadline)
            if msg.get("method") == method:
                self.events.remove(msg)
                return msg

    # ----------------------------------------------------------------- page helpers

    def open(self, url: str) -> float:
        """Navigate and wait for the load event; returns the seconds it took."""
        self.events.clear()
        start = time.monotonic()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        return time.monotonic() - start

    def eval(self, expression: str) -> Any:
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                             "awaitPromise": True})
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise CDPError(str(d.get("exception", {}).get("description") or d.get("text")))
        return res.get("result", {}).get("value")

    def drain(self, seconds: float = 0.2) -> None:
        """Read the events that arrive within ``seconds`` (script errors after an action)."""
        self.eval(f"new Promise(r => setTimeout(r, {int(seconds * 1000)}))")

    def screenshot(self, path: str | Path, full_page: bool = False) -> None:
        import base64

        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def pdf(self) -> bytes:
        import base64

        data = self.call("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                              "printBackground": True})["data"]
        return base64.b64decode(data)

    def close(self) -> None:
        try:
            if self._proc.poll() is None:
                with contextlib.suppress(OSError):
                    self._send({"id": 0, "method": "Browser.close"})
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
        finally:
            for f in (self._w, self._r):
                with contextlib.suppress(OSError):
                    f.close()
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
