#!/usr/bin/env python3
"""A throwaway PostgreSQL server on loopback, for the test suite (Debian's postgresql).

    python3 scripts/pgtmp.py start DIR   # initdb in DIR, start on a free 127.0.0.1 port,
                                         # print the URL (also written to DIR/url)
    python3 scripts/pgtmp.py stop DIR    # stop the server and remove DIR

PostgreSQL refuses to run as root: as root, DIR is handed to the ``postgres`` user (made by
the Debian package) and the server runs as that user. Authentication is ``trust`` on a
loopback-only server that lives for one test run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        sys.exit(f"pgtmp: {name} not found (apt-get install postgresql)")
    return path


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(_as_owner([_bin("initdb"), "-D", str(data), "-U", "claimscope",
                              "--auth=trust", "--encoding=UTF8", "--no-locale"]),
                   check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
               " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    subprocess.run(_as_owner([_bin("pg_ctl"), "-D", str(data), "-o", options,
                              "-l", str(folder / "server.log"), "-w", "start"]),
                   check=True, stdout=subprocess.DEVNULL)
    url = f"postgresql://claimscope@127.0.0.1:{port}/postgres"
    (folder / "url").write_text(url + "\n", encoding="utf-8")
    return url


def stop(folder: Path) -> None:
    data = folder / "data"
    if data.is_dir():
        subprocess.run(_as_owner([_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       check=False, stdout=subprocess.DEVNULL)
    shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(sys.argv[2]).resolve()
    if sys.argv[1] == "start":
        print(start(folder))
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
