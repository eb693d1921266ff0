"""A hints-file entry that matches nothing is named in the import report, with why: an
editor who mistyped a line number or copied a text slightly wrong can see it."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_importer_workflow import TALK

from generator.importer import ImportReport, import_article

# Every entry matches: the number and the text of line 13 both name it.
MATCHING = """speakers:
  - name: Wu Min
    aliases: [Dr. Wu]
  - Tomas Lind
moderator: Chair
not_speakers: [Lena]
headings: [9]
not_headings: [The tools we use every night.]
noise: [13, Sponsored by Acme]
"""


def _import(tmp_path: Path, hints: str, **options: bool) -> ImportReport:
    article = tmp_path / "talk.txt"
    article.write_text(TALK, "utf-8")
    hints_file = tmp_path / "hints.yaml"
    hints_file.write_text(hints, "utf-8")
    content = tmp_path / "content"
    return import_article(article, content, slug="talk", hints_file=hints_file, **options)


def _confidence(report: ImportReport) -> str:
    return next(line for line in report.format().splitlines() if line.startswith("Confidence"))


def _unused(report: ImportReport) -> list[tuple[str, int | str]]:
    return [(u.key, u.value) for u in report.parsed.unused_hints]


def test_hints_that_match_are_not_reported(tmp_path: Path) -> None:
    report = _import(tmp_path, MATCHING, dry_run=True)
    assert _unused(report) == []
    assert "matched nothing" not in report.format()
    assert report.parsed.speakers[0].name == "Chair"  # the hints did apply


def test_a_line_number_past_the_end_is_reported(tmp_path: Path) -> None:
    report = _import(tmp_path, "noise: [99]\nheadings: [0]\n", dry_run=True)
    assert _unused(report) == [("headings", 0), ("noise", 99)]
    text = report.format()
    assert "Hints that matched nothing (2):" in text
    assert "  noise: 99: the article has 13 lines, numbered from 1 as in source.txt" in text
    assert "; 2 hints matched nothing (below))" in _confidence(report)


def test_a_text_on_no_line_is_reported(tmp_path: Path) -> None:
    # The heading without its full stop, and only part of the noise line: not whole lines.
    hints = "headings: [The tools we use every night]\nnoise: [Sponsored by]\n"
    report = _import(tmp_path, hints, dry_run=True)
    assert _unused(report) == [
        ("headings", "The tools we use every night"),
        ("noise", "Sponsored by"),
    ]
    text = report.format()
    assert "  noise: 'Sponsored by': no line is this text (a text must be a whole line" in text
    assert [d.line for d in report.parsed.dropped] == []  # nothing was dropped


def test_a_heading_on_a_line_already_dropped_says_what_the_line_became(tmp_path: Path) -> None:
    report = _import(tmp_path, "noise: [13]\nheadings: [Sponsored by Acme, 13]\n", dry_run=True)
    notes = {(u.key, u.value): u.note for u in report.parsed.unused_hints}
    assert set(notes) == {("headings", "Sponsored by Acme"), ("headings", 13)}
    assert notes["headings", 13] == (
        "line 13 was read as noise (see Dropped) before themes are looked for"
    )


def test_labels_never_used_are_reported(tmp_path: Path) -> None:
    hints = (
        "speakers:\n"
        "  - name: Wu Min\n"
        "    aliases: [Dr. Wu, Doctor Wu]\n"  # `Dr. Wu:` starts lines; `Doctor Wu:` none
        "  - Tomas Lnd\n"  # a typo: no one speaks as `Tomas Lnd:`
        "moderator: Chiar\n"
        "not_speakers: [Kettle]\n"
    )
    report = _import(tmp_path, hints, dry_run=True)
    assert _unused(report) == [
        ("speakers", "Doctor Wu"),
        ("speakers", "Tomas Lnd"),
        ("moderator", "Chiar"),
        ("not_speakers", "Kettle"),
    ]
    text = report.format()
    assert "  speakers: 'Doctor Wu': alias of Wu Min: no turn starts with `Doctor Wu:`" in text
    assert "  speakers: 'Tomas Lnd': no turn starts with `Tomas Lnd:`, so they are not" in text
    assert "Wu Min" in {s.name for s in report.parsed.speakers}  # the rest still applied


def test_a_hint_matching_nothing_is_a_reason_for_less_confidence(tmp_path: Path) -> None:
    clean = MATCHING.replace("not_speakers: [Lena]\n", "")  # `Lena:` would be unsure
    assert _confidence(_import(tmp_path, clean, dry_run=True)) == "Confidence: high"
    hints = clean.replace("noise: [13,", "noise: [90, 13,")
    report = _import(tmp_path, hints, dry_run=True)
    assert _confidence(report) == "Confidence: medium (1 hint matched nothing (below))"


def test_aliases_from_event_yaml_on_force_are_not_reported(tmp_path: Path) -> None:
    """event.yaml may list aliases that never start a line here on purpose (to join a speaker
    across events); only the hints file the editor passed is checked."""
    _import(tmp_path, MATCHING)
    event_file = tmp_path / "content" / "events" / "talk" / "event.yaml"
    event = yaml.safe_load(event_file.read_text("utf-8"))
    wu = next(s for s in event["speakers"] if s["name"] == "Wu Min")
    wu["aliases"] = [*wu.get("aliases", []), "吴敏"]
    event_file.write_text(yaml.safe_dump(event, allow_unicode=True), "utf-8")
    hints = MATCHING.replace("not_headings: [", "not_headings: [99, ")
    again = _import(tmp_path, hints, force=True, dry_run=True)
    assert "吴敏" in next(s.aliases for s in again.parsed.speakers if s.name == "Wu Min")
    assert _unused(again) == [("not_headings", 99)]  # the hints file is still checked
