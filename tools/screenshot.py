#!/usr/bin/env python3
"""Full-page PNG of an HTML file with headless Chromium, Python standard library only.

    python3 tools/screenshot.py PAGE.html OUT.png [--width 1280] [--chromium chromium]

Chromium's --screenshot flag captures only the window (--window-size), so a long page is cut at
the window's height. This script drives Chromium through its DevTools protocol over a pipe
(--remote-debugging-pipe: commands are written to the browser's fd 3 and answers read from its
fd 4, each a JSON message ended by a NUL byte -- no WebSocket, no third-party package), loads the
page in a viewport WIDTH CSS pixels wide, measures the laid-out document height
(Page.getLayoutMetrics), and captures the whole document (Page.captureScreenshot with
captureBeyondViewport). Widths under 600 px are emulated as a phone (mobile viewport, so the
page's <meta name=viewport> applies, as on a real phone). Exit status 1 with a message on failure.
"""

import argparse
import base64
import json
import os
import pathlib
import subprocess
import sys
import time

TIMEOUT_S = 60


class Browser:
    def __init__(self, chromium, extra_args):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():  # runs in the child: fd 3 = commands in, fd 4 = answers out
            # Via fds no pipe end can hold, so neither dup2 overwrites the other's source.
            os.dup2(to_child_r, 200)
            os.dup2(from_child_w, 201)
            os.dup2(200, 3)
            os.dup2(201, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--hide-scrollbars", "--no-first-run", "--no-default-browser-check", "--mute-audio",
             "--disable-extensions", "--disable-background-networking", *extra_args, "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4),  # kept open past close_fds, which runs after wire()
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self._events = []

    def _read_message(self):
        deadline = time.monotonic() + TIMEOUT_S
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise RuntimeError("no answer from chromium within %d s" % TIMEOUT_S)
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe (exit %s)" % self.proc.poll())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self._next_id += 1
        request = {"id": self._next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = session
        os.write(self._to_child, json.dumps(request).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self._events.append(message)

    def wait_event(self, method, session):
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            for i, e in enumerate(self._events):
                if e.get("method") == method and e.get("sessionId") == session:
                    del self._events[i]
                    return e
            if time.monotonic() > deadline:
                raise RuntimeError("timed out waiting for " + method)
            self._events.append(self._read_message())

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


def capture(page, out, width, chromium):
    url = pathlib.Path(page).resolve().as_uri()
    browser = Browser(chromium, ["--window-size=%d,900" % width])
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride", session, width=width, height=900,
                     deviceScaleFactor=1, mobile=width < 600)
        browser.call("Page.enable", session)
        browser.call("Page.navigate", session, url=url)
        browser.wait_event("Page.loadEventFired", session)
        metrics = browser.call("Page.getLayoutMetrics", session)
        size = metrics["cssContentSize"]
        height = int(size["height"] + 0.999)
        shot = browser.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        pathlib.Path(out).write_bytes(base64.b64decode(shot["data"]))
        return width, height, size["width"]
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default 1280)")
    parser.add_argument("--chromium", default="chromium", help="browser executable (default chromium)")
    args = parser.parse_args()
    try:
        width, height, content_width = capture(args.page, args.out, args.width, args.chromium)
    except (OSError, RuntimeError, KeyError, ValueError) as e:
        print("screenshot: %s" % e, file=sys.stderr)
        return 1
    note = "" if content_width <= width + 0.5 else " (content is %d px wide: wider than the viewport)" % content_width
    print("screenshot: %s, %d x %d px%s" % (args.out, width, height, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
