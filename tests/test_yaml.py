"""YAML as editors write it: a key written twice is an error with both lines, wherever the YAML
starts; overriding what `<<:` merged in is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SiteError
from generator.readers import parse_yaml, split_front_matter


def test_a_key_written_twice_names_both_lines() -> None:
    with pytest.raises(SiteError) as error:
        parse_yaml("title: a\ndate: '2024'\ntitle: b\n", Path("event.yaml"))
    assert error.value.line == 3
    assert "duplicate key `title` (first on line 1)" in error.value.message


def test_in_front_matter_both_lines_count_from_the_top_of_the_file() -> None:
    with pytest.raises(SiteError) as error:
        split_front_matter("---\nname: a\nlinks: []\nname: b\n---\nA bio.\n", Path("x.md"))
    assert error.value.line == 4
    assert "(first on line 2)" in error.value.message


def test_overriding_a_merged_key_is_not_a_duplicate() -> None:
    text = "base: &b\n  role: a\n  x: 1\nspeaker:\n  <<: *b\n  role: c\n"
    assert parse_yaml(text, Path("a.yaml"))["speaker"] == {"role": "c", "x": 1}
