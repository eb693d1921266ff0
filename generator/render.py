"""The one Jinja environment: strict, autoescaped, overridable; errors become SiteErrors."""

from __future__ import annotations

import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from markupsafe import Markup

from generator.config import SiteConfig
from generator.errors import SiteError
from generator.strings import count, one_form
from generator.turnhtml import turns_html


class _Template(jinja2.Template):
    """A compiled template whose `{{ … }}` escaping remembers the strings it escaped."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        # Compiled template code calls the `escape` of its module namespace for every
        # expression it prints.
        namespace["escape"] = _remembering_escape(getattr(environment, "escaped", {}))
        return super()._from_namespace(environment, namespace, globals)


_MEMO_LONGEST = 256  # longer strings are rarely printed twice
_MEMO_SIZE = 1 << 18  # entries before the memo starts over (tens of MB at most)


def _remembering_escape(memo: dict[str, Markup]) -> Callable[[Any], Markup]:
    """Jinja's escape, remembering short strings: a large archive prints the same names,
    links and labels millions of times (about a tenth of a cold build went to escaping
    them again). Markup passes through as it is (escaping it would only copy it)."""

    def escape(value: Any) -> Markup:
        kind = type(value)
        if kind is str and len(value) <= _MEMO_LONGEST:
            known = memo.get(value)
            if known is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                known = memo[value] = markupsafe.escape(value)
            return known
        if kind is Markup:
            return value
        return markupsafe.escape(value)

    return escape


class _Environment(jinja2.Environment):
    """Looks keys up before attributes on plain dicts: every template context is one, and
    `page.title` otherwise first fails as an attribute, which large archives pay for millions
    of times. A key never shadows a dict method unless a context names it so (none does)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    template_class = _Template
    escaped: dict[str, Markup]  # see _remembering_escape


def make_environment(config: SiteConfig) -> jinja2.Environment:
    """Templates are looked up in the site's `templates/` first, then the theme's."""
    # Missing folders are kept: Jinja skips them, and "template not found" names every place.
    loader = jinja2.FileSystemLoader([str(d) for d in config.templates_dirs])
    env = _Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # BuildCache makes a new environment when a template's source changes, so Jinja's
        # own check (a stat of every template at every page) would only cost time.
        auto_reload=False,
    )
    env.escaped = {}
    env.globals["turns_html"] = turns_html
    env.filters["fmt"] = _format_string
    env.filters["count"] = count
    env.filters["one_form"] = one_form
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def _format_string(template: str, **values: Any) -> str:
    """`{{ strings.turns | fmt(n=3) }}`: fill a UI string's `{n}` placeholders."""
    return template.format(**values)


def _template_location(env: jinja2.Environment, name: str | None) -> Path | str:
    if name is None:
        return "<template>"
    try:
        source = env.loader.get_source(env, name) if env.loader else None
    except jinja2.TemplateNotFound:
        source = None
    return Path(source[1]) if source and source[1] else name


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise SiteError(
            Path(exc.filename) if exc.filename else _template_location(env, exc.name or name),
            f"template syntax error: {exc.message}",
            exc.lineno,
            "check the {% … %} and {{ … }} tags on this line",
        ) from exc
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(d) for d in env.loader.searchpath) if env.loader else ""
        raise SiteError(
            exc.name or name,
            "template not found",
            hint=f"looked in: {searched}; restore it from the default theme or fix the name",
        ) from exc
    except jinja2.UndefinedError as exc:
        path, line = _traceback_position(exc, env, name)
        raise SiteError(
            path,
            f"template uses an undefined value: {exc.message}",
            line,
            "see docs/templates.md for the variables each template gets",
        ) from exc
    except SiteError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        path, line = _traceback_position(exc, env, name)
        raise SiteError(path, f"template error: {exc}", line, _EXPRESSION_HINT) from exc
    except Exception as exc:  # anything else a template expression can raise (1 // 0)
        path, line = _traceback_position(exc, env, name)
        message = f"template error: {type(exc).__name__}: {exc}"
        raise SiteError(path, message, line, _EXPRESSION_HINT) from exc


_EXPRESSION_HINT = "fix the expression on this line (docs/templates.md lists what each page gets)"


def _traceback_position(
    exc: BaseException, env: jinja2.Environment, name: str
) -> tuple[Path | str, int | None]:
    """The innermost template frame of a render error (Jinja maps its code back to lines)."""
    position: tuple[Path | str, int | None] = (_template_location(env, name), None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".md", ".txt", ".json")):
            position = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return position
