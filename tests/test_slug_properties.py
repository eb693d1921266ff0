"""Slugs, as properties: always ASCII-safe, unique among their peers, the same on every run."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.slugs import SAFE_SLUG, slugify, unique_slug
from generator.urls import relative_url

# Names as editors write them: Chinese, Latin with accents, digits, punctuation and spaces.
names = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd")),
    ),
    max_size=30,
)


@given(names)
@example("兡龦")  # names with a character pypinyin cannot read (found by this test)
@example("一龦")
@settings(max_examples=300)
def test_slug_is_empty_or_ascii_safe(name: str) -> None:
    slug = slugify(name)
    assert slug == "" or SAFE_SLUG.match(slug), slug
    assert slug.isascii()


@given(names)
def test_slug_is_stable(name: str) -> None:
    assert slugify(name) == slugify(name)


@given(st.lists(names, max_size=20))
def test_unique_slugs_never_collide(many: list[str]) -> None:
    taken: set[str] = set()
    slugs = [unique_slug(slugify(name) or "speaker", taken) for name in many]
    assert len(set(slugs)) == len(slugs)
    assert all(SAFE_SLUG.match(s) for s in slugs)


segments = st.lists(st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True), max_size=4)


@given(segments, segments)
def test_relative_links_resolve_to_their_target(source: list[str], target: list[str]) -> None:
    import posixpath

    page = "".join(f"{s}/" for s in source)
    to = "".join(f"{s}/" for s in target)
    link = relative_url(page, to)
    resolved = posixpath.normpath(posixpath.join("/" + page, link))
    assert resolved.rstrip("/") == ("/" + to).rstrip("/") or (resolved == "/" and to == "")


anchors = st.one_of(st.just(""), st.from_regex(r"#[a-z0-9-]{0,8}", fullmatch=True))


files = st.one_of(st.just(""), st.sampled_from(["event.json", "index.md", "404.html"]))


@given(segments, files, st.lists(st.tuples(segments, files, anchors), max_size=8))
def test_a_page_remembers_its_links_without_changing_them(
    source: list[str], source_file: str, targets: list[tuple[list[str], str, str]]
) -> None:
    """Linker.to remembers each target for the page; asked again, with or without an anchor,
    it links exactly as relative_url does (the page's own path with an anchor: the anchor)."""
    from generator.contexts import Linker

    page = "".join(f"{s}/" for s in source) + source_file
    link = Linker(page)
    for segment_list, name, anchor in [*targets, *targets, (source, source_file, "#here")]:
        to = "".join(f"{s}/" for s in segment_list) + name + anchor
        assert link.to(to) == relative_url(page, to)
