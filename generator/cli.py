"""Command line: each command parses its arguments and calls one library function."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from generator import __version__
from generator.errors import SiteError


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).absolute()


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importer import attribution_report, import_article

    if args.report_only:
        text, _share = attribution_report(args.article)
        print(text)
        return 0
    if len(args.article) > 1:
        raise SiteError(None, "import one article at a time", hint="--report-only takes several")
    report = import_article(
        args.article[0],
        _root(args) / "content",
        slug=args.slug,
        force=args.force,
        dry_run=args.dry_run,
        hints_file=Path(args.hints) if args.hints else None,
    )
    print(report.format())
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold import new_site

    folder = Path(args.dir)
    for path in new_site(folder.absolute(), title=args.title, language=args.language):
        print(f"created {path}{'/' if path.is_dir() else ''}")
    print(
        "\nNext:\n"
        f"  cd {folder}\n"
        "  python -m generator import ARTICLE    # a .txt, .md or .html file, or a URL\n"
        "  python -m generator serve             # preview at http://127.0.0.1:8000/"
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build
    from generator.config import load_config, require_site

    require_site(_root(args))
    config = load_config(_root(args), base_url=args.base_url)
    output = Path(args.output) if args.output else _root(args) / "output"
    report = build(config, output, search=not args.no_search)
    print(report.summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from generator.check import check_site
    from generator.config import load_config

    config = load_config(_root(args), base_url=args.base_url)
    folder = Path(args.dir) if args.dir else _root(args) / "output"
    if not folder.is_dir():
        raise SiteError(folder, "no built site here", hint="build it first, or name its folder")
    report = check_site(folder, config.base_path, config.origin)
    for problem in report.problems:
        print(problem.format())
    print(report.summary())
    return 1 if report.errors else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from generator.bench.run import run_bench

    workdir = Path(args.workdir).absolute()
    results = run_bench(args.events, workdir, repeats=args.repeats, settle_for=args.settle)
    print()
    print(results.table())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.config import require_site
    from generator.serve import serve

    require_site(_root(args))
    serve(_root(args), host=args.host, port=args.port, search=not args.no_search)
    return 0


def cmd_bench_edit(args: argparse.Namespace) -> int:
    from generator.editbench import run_bench_edit

    figures = run_bench_edit(_root(args), runs=args.runs, browser=not args.no_browser)
    print(figures.table())
    return 0


def cmd_bench_serve(args: argparse.Namespace) -> int:
    from generator.loadtest import run_bench_serve

    report = run_bench_serve(_root(args), requests=args.requests, concurrency=args.concurrency)
    print(report.summary())
    return 1 if report.errors else 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Huikan: turn event transcripts into a fast, searchable static archive.",
    )
    parser.add_argument("--version", action="version", version=f"huikan {__version__}")
    parser.add_argument("--root", default=".", help="the site folder with site.yaml (default: .)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new", help="start a site in a new folder: site.yaml, content/, .gitignore"
    )
    new.add_argument("dir", help="the folder to make (new, or empty)")
    new.add_argument("--title", help="the site's name (default: the folder's name)")
    new.add_argument(
        "--language", default="zh-CN", help="zh-CN (default), en, …: interface and search"
    )
    new.set_defaults(run=cmd_new)

    importer = commands.add_parser(
        "import", help="turn a raw article into content/events/<slug>/ (event.yaml, transcript.md)"
    )
    importer.add_argument(
        "article", nargs="+", help="the article: a .txt/.md/.html file or an http(s) URL"
    )
    importer.add_argument("--slug", help="the event's slug (default: from its title)")
    importer.add_argument(
        "--force",
        action="store_true",
        help="replace an imported event, honouring what its event.yaml declares",
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="print the report and write nothing"
    )
    importer.add_argument(
        "--hints", metavar="FILE", help="YAML: speakers, aliases, moderator, headings, noise"
    )
    importer.add_argument(
        "--report-only",
        action="store_true",
        help="for each ARTICLE, print the share of turns attributed right against "
        "its <name>.expected.yaml; writes nothing",
    )
    importer.set_defaults(run=cmd_import)

    builder = commands.add_parser("build", help="build the site into output/ with its search index")
    builder.add_argument("--output", help="output folder (default: output/)")
    builder.add_argument(
        "--base-url", help="full URL or path the site is served at (default: site.yaml's base_url)"
    )
    builder.add_argument(
        "--no-search", action="store_true", help="skip the search index (quick previews)"
    )
    builder.set_defaults(run=cmd_build)

    checker = commands.add_parser(
        "check", help="check a built site like a crawler: links, assets, anchors, base path"
    )
    checker.add_argument("dir", nargs="?", help="the built site (default: output/)")
    checker.add_argument(
        "--base-url", help="full URL or path the site is served at (default: site.yaml's base_url)"
    )
    checker.set_defaults(run=cmd_check)

    bench = commands.add_parser(
        "bench", help="time a synthetic archive of E events (and Hugo on the same pages)"
    )
    bench.add_argument("--events", type=int, default=1000, help="events to generate (1000)")
    bench.add_argument("--repeats", type=int, default=3, help="alternating runs per tool (3)")
    bench.add_argument("--workdir", default="bench", help="scratch folder, replaced (bench/)")
    bench.add_argument(
        "--settle",
        type=float,
        default=30.0,
        help="seconds to let the disk settle before each timed step (30; 0 on tmpfs or for a "
        "smoke test)",
    )
    bench.set_defaults(run=cmd_bench)
    server = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, rebuild on every change and reload open tabs"
    )
    server.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    server.add_argument("--port", type=int, default=8000, help="port (8000; 0 picks a free one)")
    server.add_argument("--no-search", action="store_true", help="skip the search index")
    server.set_defaults(run=cmd_serve)

    bench_edit = commands.add_parser(
        "bench-edit", help="time save -> page on disk -> reloaded tab -> search index, on a copy"
    )
    bench_edit.add_argument("--runs", type=int, default=5, help="edits to time (5)")
    bench_edit.add_argument(
        "--no-browser", action="store_true", help="simulate the tab even if Chromium is installed"
    )
    bench_edit.set_defaults(run=cmd_bench_edit)

    bench_serve = commands.add_parser(
        "bench-serve", help="load the preview server on loopback: requests/s and errors"
    )
    bench_serve.add_argument("--requests", type=int, default=5000, help="requests (5000)")
    bench_serve.add_argument("--concurrency", type=int, default=32, help="threads (32)")
    bench_serve.set_defaults(run=cmd_bench_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SiteError as exc:
        if args.debug:
            raise
        print(f"error: {exc.format()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Publishing is one atomic swap: the output is the previous build or, if the swap was
        # done, this one; never a mix.
        print("interrupted; the output folder is whole (never half-written)", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `… | head` stopped reading: not an error of ours to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # the file system refused (permissions, a full disk, …)
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        print(f"  hint: {_file_system_hint(exc)}", file=sys.stderr)
        return 1


def _file_system_hint(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "this user may not write there: check the folder's permissions"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: free some space and build again"
    return "check that the paths given (--root, --output) are the ones you meant"
