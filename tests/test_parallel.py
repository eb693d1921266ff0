"""Builds on both cores (forked workers) give the same bytes and the same errors as one core.

The forked builds run in a fresh process, as the command line does: this test process has
server threads, and forking a process with threads is what the build itself refuses to do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files

from generator.build import build
from generator.config import load_config
from generator.errors import SiteError

FORKED_BUILD = """
import sys
import generator.parallel as parallel
assert parallel.can_fork(), "this machine should fork: two cores, Linux, one thread"
parallel.MIN_ITEMS = 1  # fork even for the few pages of a test site
from generator.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def forked_build(site: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", FORKED_BUILD, "--root", str(site), "build", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_forked_build_equals_a_single_core_build(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    build(load_config(site), tmp_path / "one-core")  # a handful of parts: one core
    result = forked_build(site, tmp_path / "two-cores")
    assert result.returncode == 0, result.stderr
    assert site_files(tmp_path / "one-core") == site_files(tmp_path / "two-cores")


def test_a_template_error_in_a_worker_is_the_same_message(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates/speaker.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ nothing.here }}\n{% endblock %}\n'
    )
    result = forked_build(site, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{site / 'templates/speaker.html'}:3: template uses an undefined value" in result.stderr


def test_of_two_template_errors_both_cores_report_the_one_a_single_core_meets(
    tmp_path: Path,
) -> None:
    """Workers stop at the first failure, and the build raises the failure of the lowest
    piece: the error one process meets first, whichever process met which."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    (site / "templates").mkdir()
    for name in ("speaker.html", "theme.html"):
        (site / "templates" / name).write_text(
            '{% extends "base.html" %}\n{% block content %}\n{{ nothing.here }}\n{% endblock %}\n'
        )
    with pytest.raises(SiteError) as one_core:
        build(load_config(site), tmp_path / "one-core")
    for run in range(3):
        result = forked_build(site, tmp_path / f"out-{run}")
        assert result.returncode == 1
        assert one_core.value.format() in result.stderr


def test_a_check_on_both_cores_finds_what_one_core_finds(tmp_path: Path) -> None:
    """`check` parses the pages in forked workers; what it reports must not change."""
    from generator.check import check_site

    out = build(load_config(FIXTURES / "mini"), tmp_path / "out")
    assert out.pages > 1
    page = tmp_path / "out/events/2024-panel/index.html"
    broken = '<a href="../../speakers/nobody/">x</a><a href="../../speakers/jane-doe/#no">y</a>'
    page.write_text(page.read_text("utf-8").replace("</main>", broken + "</main>"), "utf-8")
    expected = [p.format() for p in check_site(tmp_path / "out", "/").problems]  # one core here
    assert len(expected) == 2
    command = [sys.executable, "-c", FORKED_BUILD, "--root", str(FIXTURES / "mini"), "check"]
    result = subprocess.run(
        [*command, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[:-1] == expected
