"""The independent CUI rule for crates/core/tests/cui_oracle.rs: PyPI's cui-ro (ANAF's published
key). Reads a JSON list of written forms on stdin and prints, for each, [the registry's form or
null, whether it is a valid CUI]."""
import json
import sys

import cui_ro

out = []
for text in json.load(sys.stdin):
    try:
        form = cui_ro.normalize(text)
    except ValueError:
        form = None
    out.append([form, cui_ro.is_valid(text)])
json.dump(out, sys.stdout)
