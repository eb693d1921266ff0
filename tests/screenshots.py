"""Full-page screenshots of every page type of the seed archive, phone and desktop, light and dark.

Run with `make screenshots` (or `python tests/screenshots.py [FOLDER]`); PNGs go to screenshots/.
Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk), or it shows as boxes.
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

from conftest import REPO, SEED_EVENT, StaticServer, build_site

from generator.chromium import Chromium

# Page type -> path of one page of that type in the seed build.
PAGES = {
    "home": "",
    "events": "events/",
    "event": f"events/{SEED_EVENT}/",
    "theme": f"events/{SEED_EVENT}/ai-yi-cheng-wen-hua-chan/",
    "speakers": "speakers/",
    "speaker": "speakers/jiang-tao/",
    "themes": "themes/",
    "search": "search/?q=版权",
    "404": "404.html",  # a plain static server does not serve it for missing paths
}
WIDTHS = {"phone": 375, "desktop": 1280}


def emulate(driver, width: int, scheme: str = "light") -> None:
    """A phone-like or desktop viewport (through CDP, so the width is exact) and a colour scheme."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def full_page_png(driver) -> bytes:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return document.documentElement.clientWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 6000), "scale": 1},
        },
    )
    return base64.b64decode(shot["data"])


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    site = build_site(REPO, Path(tempfile.mkdtemp(prefix="huikan-shots-")) / "output", "/")
    chromium = Chromium()
    driver = chromium.driver
    try:
        with StaticServer(site) as server:
            for scheme in ("light", "dark"):
                for kind, path in PAGES.items():
                    for label, width in WIDTHS.items():
                        emulate(driver, width, scheme)
                        driver.get(f"{server.origin}/{path}")
                        if kind == "search":
                            _wait_for_results(driver)
                        suffix = "" if scheme == "light" else "-dark"
                        target = folder / f"{kind}-{label}{suffix}.png"
                        target.write_bytes(full_page_png(driver))
                        print(target)
    finally:
        chromium.close()


def _wait_for_results(driver) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.getElementById('search-results').dataset.ready")
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "screenshots")
