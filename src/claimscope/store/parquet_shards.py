"""Analyses as Parquet shards: one file per input shard, written atomically.

Each row is one article: its key (hash of the text), id, source, the component versions,
``status`` (ok or failed), the failure's ``reason``, and the analysis JSON. The file's
metadata names the shard and the versions, so a rerun skips the shards already written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from claimscope.ingest import Failure
from claimscope.model import Analysis, content_hash
from claimscope.output import atomic_path
from claimscope.store.base import Shard, versions

_SHARD = b"claimscope.shard"
_VERSIONS = b"claimscope.versions"


def shard_file(folder: Path, shard_id: str) -> Path:
    """The file of a shard: a readable part of its id and a hash of the whole id."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(shard_id))[-60:]
    return folder / f"{readable}-{content_hash(shard_id)}.parquet"


def write_shard(folder: Path, shard: Shard, analyses: Sequence[Analysis],
                failures: Sequence[Failure]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"key": content_hash(a.article.text), "id": a.article.id,
             "source_id": a.article.source_id, "versions": versions(a), "status": "ok",
             "reason": None, "analysis": json.dumps(a.to_json(), ensure_ascii=False)}
            for a in analyses]
    rows += [{"key": None, "id": None, "source_id": f.source_id, "versions": shard.versions,
              "status": "failed", "reason": f.reason, "analysis": None} for f in failures]
    schema = pa.schema([(name, pa.string()) for name in
                        ("key", "id", "source_id", "versions", "status", "reason", "analysis")],
                       metadata={_SHARD: shard.id.encode(), _VERSIONS: shard.versions.encode()})
    table = pa.Table.from_pylist(rows, schema=schema)
    target = shard_file(folder, shard.id)
    with atomic_path(target, suffix=".parquet") as tmp:
        pq.write_table(table, tmp)
    return target


def done_shards(folder: Path) -> dict[str, str]:
    """The shards written to ``folder``, with their component versions."""
    import pyarrow.parquet as pq

    out: dict[str, str] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.parquet")):
        if path.name.startswith(".tmp-"):
            continue
        meta = pq.read_schema(path).metadata or {}
        if _SHARD in meta:
            out[meta[_SHARD].decode()] = meta.get(_VERSIONS, b"").decode()
    return out
