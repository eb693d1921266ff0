"""Importing as editors do it: from a URL, with a hints file, re-importing a corrected
event.yaml, several events in one archive, and the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES as SITE_FIXTURES
from conftest import SEED_ARTICLE, SEED_EVENT, build_site, copy_site

from generator.errors import SiteError
from generator.importer import import_article, parse_article, read_article
from generator.importer.hints import hints_from_event
from generator.importer.source import fetch
from generator.importer.writer import render_event_yaml, render_transcript

REPO = Path(__file__).resolve().parents[1]
ARTICLES = SITE_FIXTURES / "articles"


def test_seed_event_in_content_is_exactly_what_the_importer_writes() -> None:
    """A dry comparison: content/ is not touched."""
    folder = REPO / "content" / "events" / SEED_EVENT
    source = read_article(SEED_ARTICLE)
    plain = parse_article(source.text)
    honoured = parse_article(source.text, hints_from_event(folder / "event.yaml"))
    for parsed in (plain, honoured):
        assert render_event_yaml(parsed) == (folder / "event.yaml").read_text("utf-8")
        assert render_transcript(parsed) == (folder / "transcript.md").read_text("utf-8")
    assert source.source_files() == {"source.txt": (folder / "source.txt").read_bytes()}


# --- URLs -------------------------------------------------------------------------------------


def test_import_from_a_url(serve, tmp_path: Path) -> None:
    server = serve(ARTICLES)
    url = f"{server.origin}/teachers_zh.html"
    report = import_article(url, tmp_path / "content", slug="teachers")
    event = yaml.safe_load((report.event_dir / "event.yaml").read_text("utf-8"))
    assert event["source_url"] == url
    assert [s["name"] for s in event["speakers"]] == ["主持人", "杨春燕", "罗明", "谢文清"]
    assert (report.event_dir / "source.html").read_bytes() == (
        ARTICLES / "teachers_zh.html"
    ).read_bytes()
    assert "HTML page, main text extracted" in report.format()


def test_a_plain_text_url_is_read_as_text(serve, tmp_path: Path) -> None:
    server = serve(ARTICLES)
    report = import_article(f"{server.origin}/roundtable_zh.txt", tmp_path, dry_run=True)
    assert report.parsed.turn_counts() == {"主持人": 3, "周一鸣": 3, "许安然": 3}


def test_fetch_limits_size_and_reports_http_errors(serve) -> None:
    server = serve(ARTICLES)
    with pytest.raises(SiteError, match="larger than"):
        fetch(f"{server.origin}/teachers_zh.html", limit=100)
    with pytest.raises(SiteError, match="404"):
        fetch(f"{server.origin}/missing.html")
    origin = server.origin
    server.__exit__()
    with pytest.raises(SiteError, match="could not fetch"):
        fetch(f"{origin}/teachers_zh.html", timeout=2)


# --- guided fixes -------------------------------------------------------------------------------

TALK = """Night Shift: A Conversation
Held in Oslo on March 3, 2024.
Chair: Welcome. What keeps a night newsroom awake?
Dr. Wu: Coffee, mostly. And the wires.
Tomas Lind: I agree with the coffee.
Chair: And what do you miss?
Lena Berg: Daylight.
Dr. Wu: Sleep.
The tools we use every night.
Chair: Which tool would you never give up?
Lena Berg: The police scanner.
Lena: And the kettle.
Sponsored by Acme
"""


def test_the_report_lists_what_it_was_unsure_of(tmp_path: Path) -> None:
    article = tmp_path / "talk.txt"
    article.write_text(TALK, "utf-8")
    report = import_article(article, tmp_path / "content", dry_run=True)
    parsed = report.parsed
    assert [(u.line, u.kind, u.text) for u in parsed.unsure] == [(5, "label", "Tomas Lind:")]
    assert parsed.turns[1].paragraphs[-1].text == "Tomas Lind: I agree with the coffee."
    text = report.format()
    assert "Confidence: medium" in text
    assert "line 5: label 'Tomas Lind:': appears once; read as text" in text
    assert parsed.themes == ()  # `The tools we use every night.` is a sentence


def test_a_hints_file_declares_speakers_headings_and_noise(tmp_path: Path) -> None:
    article = tmp_path / "talk.txt"
    article.write_text(TALK, "utf-8")
    hints = tmp_path / "hints.yaml"
    hints.write_text(
        "speakers:\n"
        "  - name: Wu Min\n"
        "    aliases: [Dr. Wu]\n"
        "    role: night editor\n"
        "  - Tomas Lind\n"
        "moderator: Chair\n"
        "headings: [9]\n"
        "noise: [Sponsored by Acme]\n",
        "utf-8",
    )
    report = import_article(article, tmp_path / "content", hints_file=hints, dry_run=True)
    parsed = report.parsed
    speakers = {s.name: s for s in parsed.speakers}
    assert list(speakers) == ["Chair", "Wu Min", "Tomas Lind", "Lena Berg"]
    assert (speakers["Wu Min"].role, speakers["Wu Min"].aliases) == ("night editor", ("Dr. Wu",))
    assert speakers["Chair"].moderator and not speakers["Tomas Lind"].moderator
    assert parsed.unsure == ()
    assert [(t.title, t.line) for t in parsed.themes] == [
        ("Opening", 3),
        ("The tools we use every night.", 9),
    ]
    assert parsed.turns[-1].speaker == "Lena Berg"  # `Lena:` is a short form
    assert ("noise (hints)", "Sponsored by Acme") in {(d.reason, d.text) for d in parsed.dropped}


def test_a_hints_file_with_a_typo_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    hints = tmp_path / "hints.yaml"
    hints.write_text("speakers:\n  - name: A\nmoderater: B\n", "utf-8")
    with pytest.raises(SiteError) as error:
        import_article(ARTICLES / "roundtable_zh.txt", tmp_path, hints_file=hints)
    assert error.value.line == 3 and "did you mean `moderator`" in (error.value.hint or "")


def test_force_honours_what_the_editor_corrected_in_event_yaml(tmp_path: Path) -> None:
    content = tmp_path / "content"
    report = import_article(ARTICLES / "county_cafe_zh.txt", content, slug="cafe")
    path = report.event_dir / "event.yaml"
    event = yaml.safe_load(path.read_text("utf-8"))
    event["title"] = "县城咖啡馆"
    event["slug"] = "county-cafe"
    for speaker in event["speakers"]:
        if speaker["name"] == "郑阿姨":
            speaker.update(name="郑秀英", slug="zheng-auntie", aliases=["郑阿姨"], role="房东")
        if speaker["name"] == "沈悦":
            speaker["moderator"] = True
    path.write_text(yaml.safe_dump(event, allow_unicode=True, sort_keys=False), "utf-8")

    again = import_article(ARTICLES / "county_cafe_zh.txt", content, slug="cafe", force=True)
    event = yaml.safe_load(path.read_text("utf-8"))
    assert (event["title"], event["slug"]) == ("县城咖啡馆", "county-cafe")
    speakers = {s["name"]: s for s in event["speakers"]}
    assert speakers["郑秀英"] == {
        "name": "郑秀英",
        "slug": "zheng-auntie",
        "role": "房东",
        "moderator": False,
        "aliases": ["郑阿姨"],
    }
    assert speakers["沈悦"]["moderator"] is True
    transcript = (again.event_dir / "transcript.md").read_text("utf-8")
    assert "**郑秀英：** 年轻人来了" in transcript and "**郑阿姨" not in transcript


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path: Path) -> None:
    report = import_article(ARTICLES / "keynote_en.txt", tmp_path / "content", dry_run=True)
    text = report.format()
    assert not (tmp_path / "content").exists()
    assert "Confidence: high" in text
    assert "Mina Park — Head of Product, Openline (also MINA PARK, PARK): 3 turns" in text
    assert "Every one of the 23 source lines is accounted for." in text


# --- many events ----------------------------------------------------------------------------------


def wang_article(folder: Path) -> Path:
    """An English article with Wang Xiaoming, whom the mini site knows as 王小明."""
    article = folder / "wang.txt"
    article.write_text(
        "Printing After Print\nHeld in Shanghai on June 1, 2025.\n"
        "Moderator: Welcome, Mr Wang.\nWang Xiaoming: Thank you.\n"
        "Moderator: Why print?\nWang Xiaoming: Because paper lasts.\n",
        "utf-8",
    )
    return article


def test_many_events_share_people_and_warn_about_likely_duplicates(tmp_path: Path) -> None:
    site = copy_site(SITE_FIXTURES / "mini", tmp_path / "site")
    content = site / "content"
    panel = import_article(ARTICLES / "panel_en.txt", content, slug="2024-archives")
    assert any("Jane Doe is also in 2024-panel/ (one speaker page)" in n for n in panel.notes)
    roundtable = import_article(ARTICLES / "roundtable_zh.txt", content, slug="2024-books")
    # The build never joins role words such as 主持人 across events, so nothing to warn about.
    assert not any("主持人" in w for w in roundtable.warnings)
    article = wang_article(tmp_path)
    wang = import_article(article, content, slug="2025-print")
    assert any("'Wang Xiaoming' looks like 王小明 in 2024-panel/" in w for w in wang.warnings)
    no_themes = import_article(ARTICLES / "no_themes_en.txt", content, slug="2023-museums")
    assert "## " not in (no_themes.event_dir / "transcript.md").read_text("utf-8")

    out = build_site(site, tmp_path / "output", search=False)
    jane = (out / "speakers/jane-doe/index.html").read_text("utf-8")
    assert "Start with something boring" in jane  # this import
    assert "2024-panel" in jane and "2024-archives" in jane  # and the earlier event
    index = (out / "speakers/index.html").read_text("utf-8")
    for name in ("Omar Haddad", "Ana de Souza", "Wang Xiaoming", "王小明"):
        assert name in index
    assert (out / "events/2023-museums/index.html").is_file()


def test_a_batch_import_sees_edits_and_removals_of_earlier_events(tmp_path: Path) -> None:
    """Importing many articles in one process keeps an index of the speakers it has seen; an
    editor's change to an earlier event, or its removal, must show in the next import."""
    site = copy_site(SITE_FIXTURES / "mini", tmp_path / "site")
    content = site / "content"
    article = wang_article(tmp_path)
    first = import_article(article, content, slug="2025-print")
    assert any("looks like 王小明 in 2024-panel/" in w for w in first.warnings)
    # The editor renames 王小明 in the panel (a new modification time, as a save gives).
    meta = content / "events/2024-panel/event.yaml"
    meta.write_text(meta.read_text("utf-8").replace("王小明", "李四"), "utf-8")
    stat = meta.stat()
    os.utime(meta, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    renamed = import_article(article, content, slug="2025-print-2")
    assert not any("王小明" in w for w in renamed.warnings)
    # The other Wang Xiaoming is known now, and says so, but not the folder being imported.
    assert any("Wang Xiaoming is also in 2025-print/" in n for n in renamed.notes)
    again = import_article(article, content, slug="2025-print", force=True)
    assert not any("also in 2025-print/" in n for n in again.notes)
    assert any("Wang Xiaoming is also in 2025-print-2/" in n for n in again.notes)
    shutil.rmtree(content / "events/2025-print-2")
    gone = import_article(article, content, slug="2025-print-3")
    assert not any("2025-print-2/" in n for n in gone.notes)
    assert any("Wang Xiaoming is also in 2025-print/" in n for n in gone.notes)


# --- command line ---------------------------------------------------------------------------------


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def test_report_only_prints_the_attribution_figure() -> None:
    paths = sorted(str(p) for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    result = run("import", "--report-only", *paths)
    assert result.returncode == 0, result.stderr
    assert "keynote_en.txt: 11/11 turns right (100.0%)" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("Overall: ")


def test_cli_imports_with_hints_and_refuses_two_articles(tmp_path: Path) -> None:
    result = run("--root", str(tmp_path), "import", str(ARTICLES / "panel_en.txt"), "--dry-run")
    assert result.returncode == 0 and "Dry run" in result.stdout
    result = run("--root", str(tmp_path), "import", "a.txt", "b.txt")
    assert result.returncode == 1 and "one article at a time" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "主持人：欢迎大家来到今天的沙龙\n张三：谢谢。\n主持人：先聊聊？\n张三：好的。\n",
        "Moderator: Welcome, everyone\nJane Doe: Thanks.\nModerator: Why?\nJane Doe: Because.\n",
    ],
)
def test_an_article_that_starts_with_a_turn_has_no_title_from_it(text: str) -> None:
    parsed = parse_article(text)
    assert "title" not in parsed.metadata
    assert len(parsed.turns) == 4 and parsed.themes == ()


def test_a_role_word_alias_announces_no_merge() -> None:
    """Tom Baker, who moderates as "Moderator", is not the unnamed Moderator of another
    event: the build keeps them apart (role words never join people), so must the report."""
    from generator.importer.duplicates import Known, compare
    from generator.importer.parsed import ImportedSpeaker

    known = {"panel": (Known("panel", "Moderator", ()), Known("panel", "Jane Doe", ()))}
    tom = ImportedSpeaker("Tom Baker", moderator=True, aliases=("Moderator", "Tom"))
    merges, _ = compare((tom, ImportedSpeaker("Jane Doe")), known)
    assert merges == ["Jane Doe is also in panel/ (one speaker page)"]
