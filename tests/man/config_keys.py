#!/usr/bin/python3
"""Every key the configuration loader accepts, read from its key tables.

    config_keys.py ROOT      prints one key per line

The loader (app/config) refuses any key that is not in one of its tables:
the top-level `sections[]` of cfg_load.c and the `*keys[]` lists of the
section parsers. Reading those tables (not a copy of them) is what lets
tests/man/test_man.sh fail when a key is added without its man page entry.
"""
import pathlib
import re
import sys

# Keys that must be found, so a change in how the tables are written fails
# loudly instead of checking nothing.
ANCHORS = {"ports", "carp", "mtu", "advskew", "via", "mac", "mbufs", "hook_timeout_ms"}


def keys(root):
    found = set()
    src = pathlib.Path(root, "app", "config")
    for f in sorted(src.glob("*.c")):
        text = f.read_text()
        for m in re.finditer(r"const char \*const \w*keys\[\] = \{(.*?)\};", text, re.S):
            found.update(re.findall(r'"([a-z_]+)"', m.group(1)))
        for m in re.finditer(r"\bsections\[\] = \{(.*?)\n\};", text, re.S):
            found.update(re.findall(r'\{"([a-z_]+)",', m.group(1)))
    missing = ANCHORS - found
    if missing:
        sys.exit(f"config_keys.py: key tables not found in {src} (no {sorted(missing)})")
    return sorted(found)


if __name__ == "__main__":
    print("\n".join(keys(sys.argv[1])))
