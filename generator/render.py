"""The one Jinja environment: strict, autoescaped, overridable; errors become SiteErrors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from generator.config import SiteConfig
from generator.errors import SiteError


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


def make_environment(config: SiteConfig) -> jinja2.Environment:
    """Templates are looked up in the site's `templates/` first, then the theme's."""
    loader = jinja2.FileSystemLoader([str(d) for d in config.templates_dirs if d.is_dir()])
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
    env.filters["fmt"] = _format_string
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
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        path, line = _traceback_position(exc, env, name)
        raise SiteError(path, f"template error: {exc}", line) from exc


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
