"""Run the benchmark: import, cold and warm builds, search cost, and Hugo on the same pages."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.bench.hugo import emit_hugo_site, hugo_available
from generator.bench.synthetic import write_articles
from generator.errors import SiteError

SETTLE_SECONDS = 30.0  # ext4 treats inodes freed this recently as still in use (--settle)
MEMORY = Path("/dev/shm")  # a tmpfs on most Linux systems
MEMORY_NEEDED = 2 << 30  # bytes free there for one run of each tool at E=1000, with room
SITE_YAML = "title: 会刊基准\nlanguage: zh-CN\nbase_url: /\n"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    output: str = ""
    cpu_seconds: float = 0.0  # user + system: the process and the children it waited for


@dataclass
class Results:
    events: int
    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.rows.append((name, value))
        print(f"  {name}: {value}", flush=True)

    def table(self) -> str:
        width = max(len(name) for name, _ in self.rows)
        lines = [f"Huikan benchmark, E={self.events} events", ""]
        lines += [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
        lines += [f"| {name.ljust(width)} | {value} |" for name, value in self.rows]
        return "\n".join(lines)


def timed(command: list[str], cwd: Path | None = None) -> Run:
    """Wall time and peak resident memory of one child process (its own, via wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime)


def huikan(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(root), *args]


def prepare(workdir: Path, events: int) -> tuple[Path, float]:
    """Write the synthetic articles and import them; returns the site root and import seconds."""
    from generator.importer import import_article

    marker = workdir / ".huikan-bench"
    if workdir.exists() and any(workdir.iterdir()) and not marker.exists():
        raise SiteError(
            workdir,
            "refusing to replace a folder that the benchmark did not make",
            hint="pass --workdir with a new or empty folder",
        )
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    marker.write_text("scratch folder of `python -m generator bench`; replaced on every run\n")
    root = workdir / "site"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE_YAML, "utf-8")
    articles = write_articles(workdir / "articles", events)
    started = time.perf_counter()
    for article in articles:
        import_article(article, root / "content", slug=article.stem)
    return root, time.perf_counter() - started


def pairwise_ratio(ours: list[Run], theirs: list[Run]) -> str:
    """The median of the runs' time ratios, run by run: '1.66 (runs: 1.60, 1.66, 1.70)'."""
    ratios = [a.seconds / b.seconds for a, b in zip(ours, theirs, strict=True)]
    return f"{statistics.median(ratios):.2f} (runs: {', '.join(f'{r:.2f}' for r in ratios)})"


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def compare_with_hugo(
    root: Path, workdir: Path, repeats: int, results: Results, settle_for: float = SETTLE_SECONDS
) -> None:
    """Cold builds of Huikan and Hugo, alternately. Every run writes into a new folder, and
    the folders are removed only after the last run: ext4 makes creating files slow for a
    while after many were deleted (it skips recently freed inodes), so deleting one run's
    output just before the next would time the deletion instead of the tool."""
    runs = workdir / "cold-runs"
    shutil.rmtree(runs, ignore_errors=True)
    hugo = hugo_available()
    hugo_site = workdir / "hugo-site"
    ours: list[Run] = []
    theirs: list[Run] = []
    pages = 0
    out = runs / "huikan-0"
    settle(settle_for)  # after the import, and the removal of the previous benchmark's folder
    for run in range(repeats):  # alternate, so both see the same machine state
        out = runs / f"huikan-{run}"
        ours.append(timed(huikan(root, "build", "--no-search", "--output", str(out))))
        if hugo:
            if not pages:
                pages = emit_hugo_site(root, out, hugo_site)
                settle(settle_for)
            target = runs / f"hugo-{run}"
            theirs.append(timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(target)]))
    built = median_run(ours)
    html = sum(1 for _ in out.rglob("*.html"))
    results.add(
        "cold build, pages only",
        f"{built.seconds:.2f} s, {html / built.seconds:,.0f} pages/s, peak {built.peak_mb:,.0f} MB "
        f"({html:,} HTML pages, median of {repeats})",
    )
    if hugo:
        other = median_run(theirs)
        results.add(
            "Hugo, same Markdown pages",
            f"{other.seconds:.2f} s, peak {other.peak_mb:,.0f} MB ({pages:,} pages)",
        )
        results.add("ratio Huikan/Hugo (pairwise)", pairwise_ratio(ours, theirs))
    else:
        results.add("Hugo", "not installed (apt-get install hugo) — no ratio")
    shutil.rmtree(runs)
    settle(settle_for)  # before the next measurement creates files


def compare_in_memory(root: Path, hugo_site: Path, repeats: int, results: Results) -> None:
    """The same comparison with both outputs in memory (tmpfs), where writing costs almost
    nothing: the ratio of the tools' own work, which a noisy disk can hide (on the machine we
    measure on, the same build's system time varies threefold with the disk's recent past)."""
    hugo = hugo_available()
    if not hugo or not hugo_site.is_dir() or not _roomy_tmpfs(MEMORY):
        return
    ours: list[Run] = []
    theirs: list[Run] = []
    with tempfile.TemporaryDirectory(dir=MEMORY, prefix="huikan-bench-") as scratch:
        for run in range(repeats):
            out = Path(scratch, f"huikan-{run}")
            ours.append(timed(huikan(root, "build", "--no-search", "--output", str(out))))
            shutil.rmtree(out)  # in memory, deleting leaves nothing behind to slow the next
            target = Path(scratch, f"hugo-{run}")
            theirs.append(timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(target)]))
            shutil.rmtree(target)
    cpu = [statistics.median(r.cpu_seconds for r in runs) for runs in (ours, theirs)]
    results.add(
        "same, outputs in memory (tmpfs)",
        f"Huikan {median_run(ours).seconds:.2f} s (CPU {cpu[0]:.1f} s), "
        f"Hugo {median_run(theirs).seconds:.2f} s (CPU {cpu[1]:.1f} s), "
        f"ratio {pairwise_ratio(ours, theirs)}",
    )


def _roomy_tmpfs(folder: Path) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text("utf-8").splitlines()
    except OSError:
        return False
    mounted = any(line.split()[1:3] == [str(folder), "tmpfs"] for line in mounts)
    return mounted and shutil.disk_usage(folder).free > MEMORY_NEEDED


def settle(seconds: float) -> None:
    """Let the file system finish what earlier steps started (writeback, freed inodes)."""
    os.sync()
    time.sleep(seconds)


def measure_check(root: Path, out: Path, results: Results) -> None:
    """`check`, the crawler run before an upload, over the whole built site."""
    run = timed(huikan(root, "check", str(out)))
    match = re.search(r"Checked (\d+) pages and (\d+) internal links", run.output)
    checked = f" ({int(match.group(1)):,} pages, {int(match.group(2)):,} links)" if match else ""
    results.add("check (every link and anchor)", f"{run.seconds:.2f} s{checked}")


def measure_search(root: Path, out: Path, results: Results) -> None:
    shutil.rmtree(out, ignore_errors=True)
    full = timed(huikan(root, "build", "--output", str(out)))
    match = re.search(r"search index (\d+) pages in ([\d.]+)s", full.output)
    size = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file())
    files = sum(1 for p in (out / "pagefind").rglob("*") if p.is_file())
    results.add("cold build with search", f"{full.seconds:.2f} s, peak {full.peak_mb:,.0f} MB")
    if match:
        results.add(
            "search index",
            f"{float(match.group(2)):.2f} s for {int(match.group(1)):,} pages; "
            f"{size / 1e6:.1f} MB in {files:,} files",
        )
    again = timed(huikan(root, "build", "--output", str(out)))
    results.add("no-change rebuild", f"{again.seconds:.2f} s")
    transcript = sorted((root / "content" / "events").iterdir())[0] / "transcript.md"
    original = transcript.read_text("utf-8")
    try:
        transcript.write_text(original.replace("。", "。!", 1), "utf-8")
        edit = timed(huikan(root, "build", "--output", str(out)))
        results.add("one-edit rebuild (CLI, with search)", f"{edit.seconds:.2f} s")
    finally:
        transcript.write_text(original, "utf-8")


def measure_download(out: Path, results: Results) -> None:
    """Bytes the browser fetches for one query, measured in headless Chromium."""
    from generator.bench.download import search_download_bytes

    try:
        total, pagefind = search_download_bytes(out, "版权")
    except Exception as exc:  # the browser is optional for the benchmark
        results.add("bytes downloaded for a search", f"not measured ({exc.__class__.__name__})")
        return
    results.add(
        "bytes downloaded for a search",
        f"{pagefind / 1024:,.0f} KB of search files ({total / 1024:,.0f} KB with the page)",
    )


def measure_serve(root: Path, results: Results, runs: int = 5) -> None:
    """One edit in `serve`, as an editor lives it (see editbench.py): medians of `runs`."""
    from generator.editbench import run_bench_edit

    figures = run_bench_edit(root, runs=runs)

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):,.0f} ms" if values else "n/a"

    results.add(
        "one edit in serve: save -> page on disk",
        f"{median(figures.disk_ms)} (median of {runs}; first {figures.disk_ms[0]:,.0f} ms)",
    )
    results.add(f"  -> tab reloaded ({figures.tab})", median(figures.tab_ms))
    results.add("  -> search index refreshed", median(figures.index_ms))


def run_bench(
    events: int, workdir: Path, repeats: int = 3, settle_for: float = SETTLE_SECONDS
) -> Results:
    results = Results(events)
    print(f"Generating and importing {events} synthetic events in {workdir} …", flush=True)
    root, import_seconds = prepare(workdir, events)
    results.add("import", f"{import_seconds:.2f} s ({events / import_seconds:,.0f} articles/s)")
    compare_with_hugo(root, workdir, repeats, results, settle_for)
    compare_in_memory(root, workdir / "hugo-site", repeats, results)
    measure_search(root, workdir / "output", results)
    measure_download(workdir / "output", results)
    measure_check(root, workdir / "output", results)
    measure_serve(root, results)
    return results
