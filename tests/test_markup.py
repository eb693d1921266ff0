"""The Markdown renderer: Chinese line breaks, emphasis by Chinese punctuation, fast path."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markup import MarkdownRenderer, plain_paragraph_html

renderer = MarkdownRenderer()
full_parser = MarkdownRenderer()
full_parser.html = full_parser._convert  # type: ignore[method-assign] - the slow path only


def test_line_breaks_between_chinese_characters_vanish() -> None:
    assert renderer.html("第一行\n第二行") == "<p>第一行第二行</p>"
    assert renderer.html("English words\nstay apart") == "<p>English words\nstay apart</p>"
    assert renderer.html("中文\nEnglish") == "<p>中文English</p>"


def test_emphasis_next_to_chinese_punctuation() -> None:
    assert renderer.html("**“可灵”**是产品") == "<p><strong>“可灵”</strong>是产品</p>"
    assert renderer.html("这是*重点*，对吗") == "<p>这是<em>重点</em>，对吗</p>"


def test_markup_takes_the_full_parser() -> None:
    assert plain_paragraph_html("**粗**") is None
    assert plain_paragraph_html("1. 列表") is None
    assert plain_paragraph_html("a < b") is None


text = st.text(
    alphabet=st.sampled_from(list("版权短剧数字人，。？！：“”（）、 ABCabc0123.,:;?'\"()\n")),
    max_size=80,
)


@given(text)
@settings(max_examples=1000)
def test_fast_path_renders_exactly_as_the_parser(source: str) -> None:
    fast = plain_paragraph_html(source)
    if fast is not None:
        assert fast == full_parser.html(source)
