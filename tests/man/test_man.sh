#!/usr/bin/env bash
# The man pages: mdoc that mandoc -Tlint accepts without a warning, and
# carp-router.conf(5) naming (.It Ic KEY) every key the configuration loader
# accepts, so the page cannot fall behind the code.
#   tests/man/test_man.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init man

command -v mandoc >/dev/null || tl_fail "mandoc not installed (scripts/packages.sh installs it)"
pages=("$TL_ROOT"/man/*.[1-8])
((${#pages[@]} >= 4)) || tl_fail "expected 4 man pages, found ${#pages[@]}"
bad=0
for p in "${pages[@]}"; do
	# -Wwarning: warnings and errors; "referenced manual not found" is
	# only STYLE (it depends on what this machine has installed).
	if ! out=$(mandoc -Tlint -Wwarning "$p" 2>&1) || [[ -n $out ]]; then
		echo "$out"
		bad=1
	fi
	mandoc -Tascii "$p" >/dev/null || bad=1
done
((bad == 0)) || tl_fail "mandoc -Tlint reports problems"
tl_log "${#pages[@]} pages lint clean"

keys=$("$TL_PY" "$TL_ROOT/tests/man/config_keys.py" "$TL_ROOT") || tl_fail "cannot list config keys"
conf=$TL_ROOT/man/carp-router.conf.5
missing=()
while read -r k; do
	grep -Eq "^\.It Ic $k( |$)" "$conf" || missing+=("$k")
done <<<"$keys"
((${#missing[@]} == 0)) || tl_fail "carp-router.conf(5) lacks keys: ${missing[*]}"
tl_log "PASS: carp-router.conf(5) names all $(wc -l <<<"$keys") keys of the loader"
