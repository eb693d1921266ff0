"""The command line as users meet it: help, the build summary, and broken input as messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files

EVENT_DIR = Path("content/events/2024-panel")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(FIXTURES / "mini", tmp_path / "site")


@pytest.fixture
def built(site: Path) -> Path:
    result = run(site, "build")
    assert result.returncode == 0, result.stderr
    return site


def test_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("import", "build"):
        assert command in result.stdout


def test_build_prints_a_one_line_summary(site: Path) -> None:
    result = run(site, "build")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert re.match(r"Built \d+ pages .* in \d+\.\d\ds$", lines[0])
    assert (site / "output/index.html").is_file()


BROKEN_EDITS = [
    # (file, replace this, with this, expected in message, expected line)
    ("event.yaml", "place: 上海", "place: [上海", "YAML syntax error", 4),
    ("event.yaml", "title: 数字出版圆桌", "titel: 数字出版圆桌", "did you mean `title`", 1),
    ("transcript.md", "**Jane Doe:**", "**Jane Do:**", "unknown speaker `Jane Do`", 13),
    ("event.yaml", "date: '2024-05-18'", "date: 18.5.2024", "is not a date", 2),
]


@pytest.mark.parametrize(("name", "old", "new", "message", "line"), BROKEN_EDITS)
def test_broken_edit_is_a_message_and_output_is_untouched(
    built: Path, name: str, old: str, new: str, message: str, line: int
) -> None:
    before = site_files(built / "output", manifest=True)
    path = built / EVENT_DIR / name
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    result = run(built, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{EVENT_DIR / name}:{line}:" in result.stderr
    assert message in result.stderr
    assert "hint:" in result.stderr
    assert site_files(built / "output", manifest=True) == before


def test_template_error_names_the_template_and_line(built: Path) -> None:
    before = site_files(built / "output", manifest=True)
    templates = built / "templates"
    templates.mkdir()
    (templates / "theme.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n'
        "{{ no_such_value.title }}\n{% endblock %}\n",
        "utf-8",
    )
    result = run(built, "build")
    assert result.returncode == 1
    assert f"{templates / 'theme.html'}:3:" in result.stderr
    assert "undefined" in result.stderr
    assert site_files(built / "output", manifest=True) == before


def test_refuses_to_build_over_a_folder_it_did_not_make(site: Path) -> None:
    precious = site / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", "utf-8")
    result = run(site, "build", "--output", str(precious))
    assert result.returncode == 1
    assert "did not make" in result.stderr
    assert (precious / "notes.txt").read_text("utf-8") == "keep me"


@pytest.mark.parametrize("target", ["site.yaml", "site.yaml/output", "notes.txt"])
def test_refuses_to_build_into_a_file(site: Path, target: str) -> None:
    (site / "notes.txt").write_text("keep me", "utf-8")
    before = {p.name: p.read_bytes() for p in site.iterdir() if p.is_file()}
    result = run(site, "build", "--output", str(site / target))
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr
    assert {p.name: p.read_bytes() for p in site.iterdir() if p.is_file()} == before
    assert not list(site.glob(".huikan-*"))


def test_refuses_to_build_through_a_link_to_nothing(site: Path) -> None:
    (site / "out").symlink_to(site / "gone")
    result = run(site, "build", "--output", str(site / "out"))
    assert result.returncode == 1
    assert "a link to nothing" in result.stderr
    assert not list(site.glob(".huikan-*")) and not (site / "gone").exists()


def test_a_file_system_refusal_is_a_message(site: Path) -> None:
    result = run(site, "build", "--output", str(site / ("x" * 300)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "File name too long" in result.stderr and "hint:" in result.stderr


def test_a_closed_pipe_is_not_an_error(site: Path) -> None:
    command = [sys.executable, "-m", "generator", "--root", str(site), "build", "--no-search"]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # like `| head` that has read enough
    assert reader.wait(timeout=120) in (0, 141)
    assert b"Traceback" not in reader.stderr.read()


@pytest.mark.parametrize("target", [".", "content", "theme", "..", "content/events"])
def test_refuses_to_build_into_the_sources(site: Path, target: str) -> None:
    (site / "theme").mkdir(exist_ok=True)
    result = run(site, "build", "--output", str(site / target))
    assert result.returncode == 1
    assert "refusing" in result.stderr
    assert (site / "content/events/2024-panel/event.yaml").is_file()


def test_unknown_site_setting_is_named_with_a_suggestion(site: Path) -> None:
    (site / "site.yaml").write_text("title: x\nlangauge: en\n", "utf-8")
    result = run(site, "build")
    assert result.returncode == 1
    assert "site.yaml:2: unknown key `langauge`" in result.stderr
    assert "did you mean `language`?" in result.stderr


def test_a_site_yaml_of_comments_only_means_every_default(site: Path) -> None:
    (site / "site.yaml").write_text("# every key is optional\n", "utf-8")
    result = run(site, "build", "--no-search")
    assert result.returncode == 0, result.stderr
    assert '<html lang="zh-CN">' in (site / "output" / "index.html").read_text("utf-8")
