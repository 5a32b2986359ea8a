#!/usr/bin/env python3
"""Regenerate data/caen.json, the CAEN tables ClusterDesk ships, from the PyPI package.

Why a generated copy instead of reading the package at run time: the app is
offline and written in Rust, so the data is embedded at compile time
(crates/core/src/caen.rs does include_str!). Why not copy data.json as is:
  * INS publishes its Romanian titles with the legacy CEDILLA letters
    (ş ţ Ş Ţ); correct Romanian, and what the app must show, is COMMA-BELOW
    (ș ț Ș Ț). Leaving both forms in would also break search and equality.
  * The UI needs each code's level and parent (to show a class's section),
    which the package only implies through the order of its keys.

Usage: python3 scripts/gen-caen-data.py   (needs pip and network access to PyPI)
The output is deterministic: same package version, same bytes.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "caen-romania"
VERSION = "1.0.0"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "caen.json"

# Attribution required by the licences: INS (OGL-ROU-1.0) for the Romanian
# titles and the crosswalk, Eurostat (CC BY 4.0) for the English titles.
SOURCE_RO = (
    "Sursa: Institutul Național de Statistică (INS), www.insse.ro. "
    "Conține informații publice în baza Licenței pentru o Guvernare Deschisă v1.0."
)
SOURCE_EN = "Source: Eurostat, NACE Rev.2 and NACE Rev.2.1 code lists, © European Union, CC BY 4.0"

CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
CEDILLAS = set("şţŞŢ")

# Counts from the package README; a mismatch means the data is not what we expect.
EXPECTED_CLASSES = {"rev2": 615, "rev3": 651}
LEVELS = {2: "division", 3: "group", 4: "class"}


def load_package_data() -> dict:
    with tempfile.TemporaryDirectory(prefix="caen-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--no-compile", "--target", tmp, f"{PACKAGE}=={VERSION}"],
            check=True,
        )
        path = Path(tmp) / "caen_romania" / "data.json"
        return json.loads(path.read_text(encoding="utf-8"))


def hierarchy(rev: str, codes: dict) -> dict:
    """code -> {level, parent, ro, en}. A division's section is not in its code:
    the package lists each section right before its divisions, so we take it from the order."""
    out = {}
    section = None
    for code, (ro, en) in codes.items():
        ro = ro.translate(CEDILLA_TO_COMMA).strip()
        en = en.strip()
        if len(code) == 1 and code.isalpha():
            section = code
            level, parent = "section", None
        elif code.isdigit() and len(code) in LEVELS:
            level = LEVELS[len(code)]
            parent = section if len(code) == 2 else code[:-1]
            if parent not in out:
                raise SystemExit(f"{rev} {code}: parent {parent} not listed before it")
        else:
            raise SystemExit(f"{rev}: unexpected code {code!r}")
        if not ro or not en:
            raise SystemExit(f"{rev} {code}: missing title")
        out[code] = {"level": level, "parent": parent, "ro": ro, "en": en}
    return out


def build(raw: dict) -> dict:
    data = {
        "rev2": hierarchy("rev2", raw["rev2"]),
        "rev3": hierarchy("rev3", raw["rev3"]),
        # [rev2_class, rev3_class, associated]; associated=1 is an INS-starred
        # link (search only, never a conversion).
        "links": sorted([str(a), str(b), int(c)] for a, b, c in raw["links"]),
        "changed": sorted(raw["changed"]),
        "source": {
            "package": PACKAGE,
            "version": VERSION,
            "source_ro": SOURCE_RO,
            "source_en": SOURCE_EN,
        },
    }
    check(data)
    return data


def check(data: dict) -> None:
    classes = {}
    for rev, expected in EXPECTED_CLASSES.items():
        classes[rev] = {c for c, e in data[rev].items() if e["level"] == "class"}
        if len(classes[rev]) != expected:
            raise SystemExit(f"{rev}: {len(classes[rev])} classes, expected {expected}")
        for code, e in data[rev].items():
            if CEDILLAS & set(e["ro"]):
                raise SystemExit(f"{rev} {code}: cedilla left in {e['ro']!r}")
    for a, b, assoc in data["links"]:
        if a not in classes["rev2"] or b not in classes["rev3"] or assoc not in (0, 1):
            raise SystemExit(f"bad link {[a, b, assoc]}")
    for code in data["changed"]:
        if code not in classes["rev2"] or code not in classes["rev3"]:
            raise SystemExit(f"changed code {code} is not a class in both revisions")


def main() -> None:
    data = build(load_package_data())
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
