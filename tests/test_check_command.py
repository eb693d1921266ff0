"""`generator check` on folders that are not a whole built site: nothing built, sources, or a
build without its search index (`build --no-search`), whose search page cannot work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site

from generator.check import Problem, check_site
from generator.cli import main

SEARCH_PAGE = "search/index.html"
NO_SITE = "no home page: this folder holds no built site; build it first"
NO_INDEX = "the site was built without its search index (build it without --no-search)"
BOTH_FILES = "pagefind/pagefind.js, pagefind/pagefind-entry.json"


@pytest.fixture
def searchable(mini_site: Path) -> Path:
    """The mini fixture built at the root with its Pagefind index (not to be damaged)."""
    return mini_site


@pytest.fixture(scope="module")
def unsearchable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture built as `build --no-search` leaves it: no pagefind/ folder."""
    out = tmp_path_factory.mktemp("unsearchable") / "out"
    return build_site(FIXTURES / "mini", out, search=False)


def check(capsys: pytest.CaptureFixture[str], folder: Path, *options: str) -> tuple[int, list[str]]:
    """(exit status, printed lines) of `check FOLDER` for the mini fixture's site.yaml."""
    capsys.readouterr()
    status = main(["--root", str(FIXTURES / "mini"), "check", str(folder), *options])
    return status, capsys.readouterr().out.splitlines()


def assert_no_site(status: int, lines: list[str]) -> None:
    assert status == 1
    assert len(lines) == 2, lines
    assert lines[0].startswith(f".: index.html — {NO_SITE}")
    # The message says what to do: build, or name the folder the build wrote.
    assert "python -m generator build" in lines[0]
    assert "python -m generator check output" in lines[0]
    assert lines[1] == "Checked 0 pages and 0 internal links: 1 error, 0 warnings"


def test_an_empty_folder_is_no_built_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    assert_no_site(*check(capsys, tmp_path / "empty"))


@pytest.mark.parametrize("sources", ["content", "."])
def test_a_folder_of_sources_is_no_built_site(
    sources: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_no_site(*check(capsys, FIXTURES / "mini" / sources))


def test_the_folder_above_a_build_is_no_built_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its pages are all there one level down, but served from here every link would break."""
    build_site(FIXTURES / "mini", tmp_path / "srv" / "site", search=False)
    assert_no_site(*check(capsys, tmp_path / "srv"))


def test_a_build_without_search_fails_on_its_search_page(
    unsearchable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = check(capsys, unsearchable)
    assert status == 1
    assert lines[:-1] == [f"{SEARCH_PAGE}: ../pagefind/ — no such file: {BOTH_FILES}; {NO_INDEX}"]
    assert lines[-1].endswith(": 1 error, 0 warnings")


def test_a_build_with_search_passes_until_its_index_is_gone(
    searchable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = check(capsys, searchable)
    assert (status, len(lines)) == (0, 1), lines
    assert lines[0].endswith(" internal links: no problems")
    # The same site uploaded without its pagefind/ folder.
    copy = Path(shutil.copytree(searchable, tmp_path / "copy"))
    shutil.rmtree(copy / "pagefind")
    assert check_site(copy).problems == (
        Problem(SEARCH_PAGE, "../pagefind/", f"no such file: {BOTH_FILES}; {NO_INDEX}"),
    )


def test_each_missing_file_of_the_bundle_is_named(searchable: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(searchable, tmp_path / "copy"))
    (copy / "pagefind/pagefind-entry.json").unlink()
    assert check_site(copy).problems == (
        Problem(
            SEARCH_PAGE, "../pagefind/", f"no such file: pagefind/pagefind-entry.json; {NO_INDEX}"
        ),
    )


def test_the_bundle_folder_is_resolved_from_the_search_page(
    searchable: Path, tmp_path: Path
) -> None:
    """`data-bundle` is relative to the page, as search.js reads it: one `../` too few misses."""
    copy = Path(shutil.copytree(searchable, tmp_path / "copy"))
    page = copy / SEARCH_PAGE
    page.write_text(page.read_text("utf-8").replace('data-bundle="../', 'data-bundle="'), "utf-8")
    missing = "search/pagefind/pagefind.js, search/pagefind/pagefind-entry.json"
    assert check_site(copy).problems == (
        Problem(SEARCH_PAGE, "pagefind/", f"no such file: {missing}; {NO_INDEX}"),
    )


def test_a_sub_path_build_is_checked_for_its_search_index_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "/archive/2025/"
    with_index = build_site(FIXTURES / "mini", tmp_path / "with", base)
    without = build_site(FIXTURES / "mini", tmp_path / "without", base, search=False)
    assert check(capsys, with_index, "--base-url", base)[0] == 0
    status, lines = check(capsys, without, "--base-url", base)
    assert status == 1
    assert lines[0].startswith(f"{SEARCH_PAGE}: ../pagefind/ — no such file: {BOTH_FILES}")
