"""Debian's headless Chromium, driven by selenium through Debian's chromedriver.

One launcher for the benchmarks, the screenshots and the browser tests. The driver is named
explicitly, so selenium never fetches one, and the flags keep Chromium off the network: this
project's browsers only ever talk to 127.0.0.1. selenium is a development dependency, imported
only when a browser is started.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def available() -> bool:
    return bool(shutil.which("chromium") and shutil.which("chromedriver"))


class Chromium:
    """A headless Chromium with a throwaway profile; `close()` quits it and removes both."""

    def __init__(
        self,
        *flags: str,
        capabilities: dict[str, Any] | None = None,
        script_timeout: float = 30,
    ) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
        if not (chromium and chromedriver):
            raise RuntimeError("needs Debian's chromium and chromium-driver (apt-get install)")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        self.profile = Path(tempfile.mkdtemp(prefix="huikan-chromium-"))
        for flag in (*FLAGS, *flags, f"--user-data-dir={self.profile}"):
            options.add_argument(flag)
        for name, value in (capabilities or {}).items():
            options.set_capability(name, value)
        try:
            self.driver = webdriver.Chrome(
                service=Service(executable_path=chromedriver), options=options
            )
        except BaseException:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.driver.set_script_timeout(script_timeout)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
