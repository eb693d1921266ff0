"""The Jinja environment: what its remembering escape prints is exactly Jinja's own."""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import render
from generator.config import SiteConfig

TEMPLATE = "{% for v in values %}[{{ v }}]{% endfor %}"
VALUES = ['<script>alert("x")</script>', "Tom & Jerry's", "王小明", 3, None, 2.5, "a" * 300]


def test_printing_equals_jinja_escaping_however_often_a_value_repeats() -> None:
    plain = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    env = render.make_environment(SiteConfig(root=Path(".")))
    ours = env.from_string(TEMPLATE)
    values = [*VALUES, Markup("<em>safe</em>"), *VALUES]  # each again, from the memo
    assert ours.render(values=values) == plain.render(values=values)
    assert "&lt;script&gt;" in ours.render(values=values)
    assert env.escaped["王小明"] == "王小明"  # printed through the memo


def test_the_memo_starts_over_when_full(monkeypatch: object) -> None:
    memo: dict[str, Markup] = {}
    monkeypatch.setattr(render, "_MEMO_SIZE", 3)  # type: ignore[attr-defined]
    escape = render._remembering_escape(memo)
    for n in range(10):
        assert escape(f"<{n}>") == f"&lt;{n}&gt;"
        assert len(memo) <= 3
    assert escape("x" * 300) == "x" * 300 and "x" * 300 not in memo  # long: not kept
