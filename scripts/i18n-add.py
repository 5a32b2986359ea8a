#!/usr/bin/env python3
"""Adds or updates messages in both catalogues (locales/ro.json and locales/en.json).

Usage: scripts/i18n-add.py FILE.json   where FILE holds {"key": ["Romanian", "English"], ...}
       scripts/i18n-add.py KEY "Romanian" "English"

The catalogues stay sorted and in the same shape, so that diffs stay small; a lock keeps two
writers from overwriting each other.
"""
import fcntl
import json
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent / "locales"


def main() -> None:
    if len(sys.argv) == 2:
        entries = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    elif len(sys.argv) == 4:
        entries = {sys.argv[1]: [sys.argv[2], sys.argv[3]]}
    else:
        sys.exit(__doc__)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for index, name in enumerate(("ro", "en")):
            path = root / f"{name}.json"
            catalogue = json.loads(path.read_text(encoding="utf-8"))
            for key, texts in entries.items():
                catalogue[key] = texts[index]
            path.write_text(json.dumps(dict(sorted(catalogue.items())), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(entries)} message(s) written")


if __name__ == "__main__":
    main()
