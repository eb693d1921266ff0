"""How many bytes a reader downloads to search: headless Chromium against the built site."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from generator.chromium import Chromium

RESOURCES = """
return performance.getEntriesByType("resource")
  .concat(performance.getEntriesByType("navigation"))
  .map((e) => [e.name, e.encodedBodySize || e.transferSize || 0]);
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def search_download_bytes(site: Path, query: str) -> tuple[int, int]:
    """(all bytes, search-bundle bytes) fetched to show the results of `query`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = Chromium()
    driver = chromium.driver
    try:
        host, port = server.server_address[:2]
        driver.get(f"http://{host}:{port}/search/?q={quote(query)}")
        WebDriverWait(driver, 60).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li")
        )
        entries = driver.execute_script(RESOURCES)
    finally:
        chromium.close()
        server.shutdown()
        server.server_close()
    total = sum(size for _, size in entries)
    bundle = sum(size for name, size in entries if "/pagefind/" in name)
    return total, bundle
