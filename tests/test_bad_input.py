"""A catalogue of broken input: each is a message (file, line or key, how to fix), exit code 1,
and the previous output left byte-identical."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files

from generator.cli import main

EVENT = Path("content/events/2024-panel")
DEEP_LIST = "\n".join("  " * i + "- x" for i in range(600))  # deeper than Python's stack


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Path], None]
    where: str  # expected `file:line` (or file) in the message, relative to the site
    says: str  # expected words of the message
    count: int = 0  # how many problems are reported, when it matters (0: any)


def replace(relative: str | Path, old: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        path = site / relative
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def write(relative: str | Path, data: str | bytes) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")

    return edit


def add_event_copy(site: Path) -> None:
    source = site / EVENT
    target = site / "content/events/copy-of-panel"
    target.mkdir()
    for name in ("event.yaml", "transcript.md"):
        (target / name).write_bytes((source / name).read_bytes())
    replace("content/events/copy-of-panel/event.yaml", "title:", "slug: 2024-panel\ntitle:")(site)


def symlink_loop(site: Path) -> None:
    os.symlink("loop", site / "content/events/loop")


def content_loop(site: Path) -> None:
    import shutil

    shutil.rmtree(site / "content")
    os.symlink("content", site / "content")


EY = EVENT / "event.yaml"
TM = EVENT / "transcript.md"
SP = "content/speakers/wang-xiaoming.md"
CASES = [
    Case("site.yaml syntax", write("site.yaml", "title: [x\n"), "site.yaml:2", "YAML syntax error"),
    Case("site.yaml type", write("site.yaml", "title:\n  - a\n"), "site.yaml:1", "must be text"),
    Case("site.yaml key", write("site.yaml", "tittle: x\n"), "site.yaml:1", "did you mean `title`"),
    Case(
        "site.yaml string",
        write("site.yaml", "strings:\n  serch: 找\n"),
        "site.yaml:2",
        "unknown key `strings.serch`",
    ),
    Case(
        "site.yaml nav",
        write("site.yaml", "navigation:\n  - title: 关于\n"),
        "site.yaml:2",
        "missing required key `navigation[1].url`",
    ),
    Case(
        "site.yaml base_url",
        write("site.yaml", "base_url: ftp://example.org/x\n"),
        "site.yaml:1",
        "base URL",
    ),
    Case("site.yaml list", write("site.yaml", "- a\n- b\n"), "site.yaml:1", "expected a mapping"),
    Case("event syntax", replace(EY, "place: 上海", "place: [上海"), f"{EY}:4", "YAML syntax"),
    Case("event no title", replace(EY, "title: 数字出版圆桌\n", ""), f"{EY}:1", "`title`"),
    Case("event key", replace(EY, "place:", "plcae:"), f"{EY}:3", "did you mean `place`"),
    Case(
        "event speakers type", replace(EY, "speakers:", "speakers: 王小明\nx:"), f"{EY}:5", "list"
    ),
    Case(
        "event bool", replace(EY, "moderator: true", "moderator: 是"), f"{EY}:12", "true or false"
    ),
    Case("event date", replace(EY, "'2024-05-18'", "'2024-13-01'"), f"{EY}:2", "not a date"),
    Case("event slug slash", replace(EY, "title:", "slug: a/b\ntitle:"), f"{EY}:1", "not safe"),
    Case("event slug dots", replace(EY, "title:", "slug: ..\ntitle:"), f"{EY}:1", "not safe"),
    Case(
        "speaker slug clash",
        replace(EY, "  - name: Jane Doe\n", "  - name: Jane Doe\n    slug: host\n"),
        f"{EY}:11",
        "share the slug `host`",
    ),
    Case("speaker slug unsafe", replace(EY, "slug: host", "slug: ../host"), f"{EY}:11", "not safe"),
    Case("event slug twice", add_event_copy, "copy-of-panel/event.yaml", "also used by"),
    Case("event empty", write(EY, ""), str(EY), "file is empty"),
    Case("event missing", lambda s: (s / EY).unlink(), str(EY), "file is missing"),
    Case("unknown speaker", replace(TM, "**Jane Doe:**", "**Jane Do:**"), f"{TM}:13", "unknown"),
    Case(
        "empty theme",
        replace(TM, "## 未来\n", "## 空\n\n## 未来\n"),
        f"{TM}:15",
        "theme `空` has no turns",
    ),
    Case(
        "no speaker",
        replace(TM, "**主持人：** 未来会怎样？", "未来会怎样？"),
        f"{TM}:17",
        "has no speaker",
    ),
    Case("theme slug", replace(TM, "## 未来", "## 未来 {#a/b}"), f"{TM}:15", "not a safe slug"),
    Case(
        "nesting too deep",
        replace(TM, "推动版权保护。\n", "推动版权保护。\n\n" + DEEP_LIST),
        f"{TM}:7",
        "nested hundreds of levels deep",
    ),
    Case("binary", write(TM, b"\x89PNG\r\n\x1a\n\x00\x00"), str(TM), "binary file"),
    Case("not utf-8", write(TM, "**王小明：** 版权\n".encode("gbk")), f"{TM}:1", "not valid UTF-8"),
    Case("speaker yaml", replace(SP, "name: 王小明", "name: [王"), f"{SP}:3", "YAML syntax"),
    Case("speaker key", replace(SP, "name:", "nmae:"), f"{SP}:2", "did you mean `name`"),
    Case("speaker file name", write("content/speakers/Wang Xm.md", "x"), "Wang Xm.md", "slug"),
    Case(
        "template syntax",
        write("templates/theme.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}'),
        "templates/theme.html:3",
        "template syntax error",
    ),
    Case(
        "template undefined",
        write(
            "templates/home.html",
            '{% extends "base.html" %}\n{% block content %}{{ nope }}{% endblock %}',
        ),
        "templates/home.html:2",
        "undefined",
    ),
    Case(
        "template missing",
        write("templates/home.html", '{% extends "layout.html" %}'),
        "layout.html",
        "template not found",
    ),
    Case(
        "template runtime error",
        write(
            "templates/home.html",
            '{% extends "base.html" %}\n{% block content %}{{ 1 // 0 }}{% endblock %}',
        ),
        "templates/home.html:2",
        "ZeroDivisionError",
    ),
    Case(
        "nobody listed",
        write(EY, "title: x\ndate: '2024-05-18'\nspeakers: []\n"),
        f"{EY}:3",
        "`speakers:` lists nobody, but the transcript has",
        count=1,
    ),
    Case(
        "speaker links as one URL",
        replace(SP, "links:\n  - title: 个人主页\n    url: https://example.org/wang", "links: x"),
        f"{SP}:3",
        "`links` must be",
        count=1,
    ),
    Case(
        "empty required value",
        replace(EY, "date: '2024-05-18'", "date: ''"),
        f"{EY}:2",
        "`date` is empty",
    ),
    Case(
        "duplicate key",
        replace(EY, "place: 上海", "place: 上海\ntitle: 又一个"),
        f"{EY}:4",
        "duplicate key `title`",
    ),
    Case(
        "turn before the first theme",
        replace(TM, "## 版权与平台", "**王小明：** 开场。\n\n## 版权与平台"),
        f"{TM}:3",
        "before the first theme heading",
    ),
    Case(
        "speaker file of another",
        replace(SP, "name: 王小明", "name: Jane Doe"),
        f"{SP}:2",
        "`name:` is `Jane Doe`",
    ),
    Case(
        "speaker file name mistyped",
        write("content/speakers/jane-do.md", "---\nname: Jane Doe\n---\nEditor.\n"),
        "content/speakers/jane-do.md",
        "rename the file `jane-doe.md`",
    ),
    Case(
        "ui string format spec",
        write("site.yaml", "title: x\nstrings:\n  turns: '{n:,} 段'\n"),
        "site.yaml:3",
        "use only {n}",
    ),
    Case(
        "ui strings not a mapping", write("site.yaml", "strings: hello\n"), "site.yaml:1", "must be"
    ),
    Case(
        "ui string placeholder",
        write("site.yaml", "title: x\nstrings:\n  turns: '{m} 段'\n"),
        "site.yaml:3",
        "use only {n}",
    ),
    Case("event symlink loop", symlink_loop, "content/events/loop", "symlink"),
    Case("content symlink loop", content_loop, "content", "symlink"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(FIXTURES / "mini", tmp_path_factory.mktemp("pristine") / "site")
    assert main(["--root", str(site), "build"]) == 0
    return site


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_and_output_untouched(
    case: Case, pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(pristine, site, symlinks=True)
    before = site_files(site / "output", manifest=True)
    capsys.readouterr()
    case.edit(site)
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert case.where in err, err
    assert case.says in err, err
    assert "hint:" in err, err
    if case.count:  # one line per problem; hints are indented below theirs
        assert len([line for line in err.splitlines() if not line.startswith(" ")]) == case.count
    assert site_files(site / "output", manifest=True) == before


def test_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 25


def test_a_one_megabyte_line_is_built(pristine: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(pristine, site, symlinks=True)
    line = "版权" * 350_000  # about 2 MB of UTF-8 on one line
    path = site / TM
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")
    assert main(["--root", str(site), "build", "--no-search"]) == 0
    assert line in (site / "output" / EVENT.relative_to("content") / "index.html").read_text(
        "utf-8"
    )


def test_an_enormous_transcript_is_refused(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(pristine, site, symlinks=True)
    with (site / TM).open("a", encoding="utf-8") as handle:
        chunk = "很长的发言。" * 10_000 + "\n"
        for _ in range(50 * 1024 * 1024 // len(chunk.encode())):
            handle.write(chunk)
    before = site_files(site / "output", manifest=True)
    capsys.readouterr()
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{TM}: file is 49 MB" in err and "up to 20 MB" in err and "hint:" in err
    assert site_files(site / "output", manifest=True) == before


def test_a_failed_first_build_leaves_no_output_and_no_staging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cold build writes pages as it renders them; a template error half-way through must
    still leave nothing behind (not a half-written output, not the staging folder)."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    write("templates/theme.html", '{% extends "base.html" %}\n{% block content %}{{ 1 / 0 }}')(site)
    before = sorted(p.name for p in site.iterdir())
    assert main(["--root", str(site), "build", "--no-search"]) == 1
    assert "templates/theme.html:2" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == before
