"""`make bench` end to end on a tiny archive: every row of the table, with figures in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.bench.hugo import hugo_available

ROWS = (
    "import",
    "cold build, pages only",
    "cold build with search",
    "search index",
    "no-change rebuild",
    "one-edit rebuild (CLI, with search)",
    "bytes downloaded for a search",
    "check (every link and anchor)",
    "one edit in serve: save -> page on disk",
    "-> tab reloaded (chromium)",
    "-> search index refreshed",
)
HUGO_ROWS = ("Hugo, same Markdown pages", "ratio Huikan/Hugo (pairwise)")


def test_the_benchmark_runs_end_to_end_and_prints_its_table(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "generator", "bench", "--events", "3", "--repeats", "1"]
    result = subprocess.run(
        [*command, "--settle", "0", "--workdir", str(tmp_path / "bench")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout[result.stdout.index("Huikan benchmark, E=3 events") :]
    cells = dict(
        (name.strip(), value.strip())
        for name, value in re.findall(r"^\| ([^|]+?) +\| (.+) \|$", table, re.MULTILINE)
    )
    for row in ROWS + (HUGO_ROWS if hugo_available() else ()):
        assert re.search(r"\d", cells[row]), f"{row}: {cells[row]}"
    pages = int(re.search(r"\((\d+) HTML pages", cells["cold build, pages only"]).group(1))
    assert pages > 3 * 5  # each event has its page, its speakers' and its themes'
    if not hugo_available():
        assert "not installed" in cells["Hugo"]
