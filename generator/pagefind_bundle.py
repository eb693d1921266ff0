"""Make Pagefind's bundle byte-for-byte reproducible.

Pagefind 1.5 writes its filter indexes, and the list of them in its meta file, in hash-map
order (upstream issue 638), so two runs over the same pages give different files and names.
We sort both and rename the files after their new content, which Pagefind's own client does
not mind: it only follows the names written in pagefind-entry.json and the meta file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind data file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _encode(value: Any) -> bytes:
    return SIGNATURE + cbor2.dumps(value)


def _write(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def _short_hash(payload: bytes, length: int) -> str:
    return hashlib.sha256(payload).hexdigest()[:length]


def _stabilise_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Sort one language's filters; returns the new meta hash (e.g. 'zh_0123456789')."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    filters = meta[3]
    renamed: list[list[str]] = []
    for name, file_hash in filters:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        content = _read(path)
        content[1] = sorted(content[1], key=lambda entry: entry[0])
        payload = _encode(content)
        new_hash = f"{language}_{_short_hash(payload, 7)}"
        path.unlink()
        _write(bundle / "filter" / f"{new_hash}.pf_filter", payload)
        renamed.append([name, new_hash])
    meta[3] = sorted(renamed)
    payload = _encode(meta)
    new_meta_hash = f"{language}_{_short_hash(payload, 10)}"
    meta_path.unlink()
    _write(bundle / f"pagefind.{new_meta_hash}.pf_meta", payload)
    return new_meta_hash


def stabilise_bundle(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in sorted(entry["languages"].items()):
        info["hash"] = _stabilise_language(bundle, language, info["hash"])
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
