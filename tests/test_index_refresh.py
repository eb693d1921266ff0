"""`serve` refreshes the search index when idle; an edit that comes in meanwhile stops the
indexer, so that its pages are not kept waiting behind it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files, slow_indexer

from generator.build import build
from generator.config import load_config
from generator.live import LiveState
from generator.session import Session


def _session(tmp_path: Path, lines: list[str]) -> tuple[Path, Session]:
    """A session on a copy of the mini site, its pages built (the index deferred)."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    session = Session(site, site / "output", LiveState(), log=lines.append)
    assert session.rebuild() is not None
    return site, session


def test_an_edit_stops_the_index_refresh_and_the_refresh_runs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[str] = []
    site, session = _session(tmp_path, lines)
    output = site / "output"
    transcript = next((site / "content/events").glob("*/transcript.md"))
    assert session.refresh_index() is not None  # the index made once
    transcript.write_text(transcript.read_text("utf-8") + "\n又一句。\n", "utf-8")
    assert session.rebuild() is not None  # now the session knows its spare file by file
    assert session.index_due  # pages first, the index deferred
    before = site_files(output, manifest=True)

    slow, _ = slow_indexer(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    answers = iter([False, False])  # no edit until the indexer runs; then one comes in
    session.edits_waiting = lambda: next(answers, True)
    started = time.monotonic()
    assert session.refresh_index() is None
    assert time.monotonic() - started < 5  # stopped, not waited for
    assert "stopped" in lines[-1] and session.index_due
    assert site_files(output, manifest=True) == before  # nothing half-made was published

    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    session.edits_waiting = lambda: False
    transcript.write_text(transcript.read_text("utf-8") + "\n补一句。\n", "utf-8")
    assert session.rebuild() is not None  # the edit that stopped the indexer
    report = session.refresh_index()
    assert report is not None and report.search == "built" and not session.index_due
    clean = copy_site(site, tmp_path / "clean")
    build(load_config(clean), clean / "output")
    assert site_files(output) == site_files(clean / "output")


def test_an_edit_during_planning_stops_the_refresh_before_the_indexer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[str] = []
    site, session = _session(tmp_path, lines)
    output = site / "output"
    before = site_files(output, manifest=True)
    indexer, started = slow_indexer(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(indexer))
    answers = iter([False])  # no edit when the refresh starts; one by the time it is planned
    session.edits_waiting = lambda: next(answers, True)
    assert session.refresh_index() is None
    assert "stopped" in lines[-1] and session.index_due
    assert not started.exists()  # stopped before anything was staged or indexed
    assert site_files(output, manifest=True) == before
    assert not list(site.glob(".huikan-staging-*"))


def test_no_refresh_starts_while_an_edit_is_waiting(tmp_path: Path) -> None:
    _, session = _session(tmp_path, [])
    session.edits_waiting = lambda: True
    assert session.refresh_index() is None and session.index_due


def test_a_session_on_an_up_to_date_site_prepares_its_staging_folder_when_idle(
    tmp_path: Path,
) -> None:
    """The first edit of a session is as quick as the next ones: while idle, the session
    makes the folder its builds are staged in (hard links to the output, known file by file)."""
    from generator.staging import spare_path

    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    output = site / "output"
    build(load_config(site), output)  # `serve` starts on an output that is up to date
    session = Session(site, output, LiveState(), log=lambda line: None)
    assert session.rebuild() is not None
    assert not spare_path(output.absolute()).exists()
    session.when_idle()
    spare = spare_path(output.absolute())
    assert site_files(spare) == site_files(output)  # every file (the manifest is written anew)
    assert session.cache.published[str(output.absolute())].spare is not None
    assert session.cache.plans  # planned while idle: the first edit re-plans only its event

    transcript = next((site / "content/events").glob("*/transcript.md"))
    transcript.write_text(transcript.read_text("utf-8") + "\n补一句。\n", "utf-8")
    assert session.rebuild() is not None
    session.when_idle()
    clean = copy_site(site, tmp_path / "clean")
    build(load_config(clean), clean / "output")
    assert site_files(output) == site_files(clean / "output")
