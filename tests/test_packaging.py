"""An installed Huikan (from its wheel, not this checkout) builds a site that has no theme/ of
its own: the default theme ships inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

# What the wheel is built from: the rest of the checkout (tests, content, node_modules) is not
# packaged, and copying it would only slow the test down.
PACKAGED = ("pyproject.toml", "README.md", "generator", "theme")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in PACKAGED:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, source / name, **_no_caches(REPO / name))
    # Offline: the build backend is the one installed with the test extras.
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-q", "-w", str(work / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = (work / "dist").glob("huikan-*.whl")
    return built


def _no_caches(path: Path) -> dict[str, object]:
    return {"ignore": shutil.ignore_patterns("__pycache__")} if path.is_dir() else {}


def test_wheel_holds_every_module_and_theme_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py")}
    theme = {
        "generator/" + p.relative_to(REPO).as_posix()
        for p in (REPO / "theme").rglob("*")
        if p.is_file()
    }
    assert modules and theme
    assert modules - names == set()
    assert theme - names == set()


def test_installed_package_builds_a_site_without_a_theme_folder(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    site = tmp_path / "archive"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    assert not (site / "theme").exists()
    # The unpacked wheel comes first on the path, ahead of this checkout's editable install.
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-c", "import generator.config as c; print(c.DEFAULT_THEME)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == installed / "generator" / "theme"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(site), "build", "--no-search"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    home = (site / "output" / "index.html").read_text("utf-8")
    assert "<title>" in home and "site-header" in home
    assert list((site / "output" / "static").glob("style.*.css"))
