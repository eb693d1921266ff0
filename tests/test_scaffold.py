"""`new` starts a site that builds at once and takes an import; `build` refuses a folder that is
not a site."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_ARTICLE

from generator.cli import main
from generator.config import load_config


def test_a_new_site_builds_empty_then_with_an_imported_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "my archive"
    assert main(["new", str(site), "--title", "Salon: notes #1", "--language", "en"]) == 0
    assert "import ARTICLE" in capsys.readouterr().out
    config = load_config(site)
    assert (config.title, config.language) == ("Salon: notes #1", "en")
    assert "/output/" in (site / ".gitignore").read_text("utf-8").splitlines()

    assert main(["--root", str(site), "build", "--no-search"]) == 0
    home = (site / "output" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in home and "No events yet" in home

    assert main(["--root", str(site), "import", str(SEED_ARTICLE), "--slug", "salon"]) == 0
    assert main(["--root", str(site), "build", "--no-search"]) == 0
    home = (site / "output" / "index.html").read_text("utf-8")
    assert "No events yet" not in home and "events/salon/" in home
    assert (site / "output" / "events" / "salon" / "index.html").is_file()


def test_new_names_the_folder_after_itself_in_chinese_by_default(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "论坛实录")]) == 0
    config = load_config(tmp_path / "论坛实录")
    assert (config.title, config.language) == ("论坛实录", "zh-CN")


def test_new_never_writes_into_a_folder_that_holds_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert "is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_build_refuses_a_folder_that_is_not_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), "build"]) == 1
    err = capsys.readouterr().err
    assert "no site here" in err and "new DIR" in err
    assert list(tmp_path.iterdir()) == []
