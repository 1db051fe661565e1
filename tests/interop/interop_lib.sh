# Check helpers for the tests/interop scripts (sourced; builds on tests/lib).
# Every check prints PASS/FAIL with what it looked at; interop_finish exits
# non-zero when any check failed, so one run reports every broken check.

. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# interop_init BUILD_DIR NAME: H5's tl_init (scratch dir, namespace prefix,
# EXIT trap that stops registered PIDs and deletes namespaces), then locate
# the tools this folder tests.
interop_init() {
	tl_init "h2-$2"
	TMP=$TL_TMP
	BUILD_DIR=$1
	if [[ -d $BUILD_DIR ]]; then BUILD_DIR=$(cd "$BUILD_DIR" && pwd); else BUILD_DIR=$TL_ROOT/$BUILD_DIR; fi
	INTEROP_DIR=$TL_ROOT/tests/interop
	VECTORS=$INTEROP_DIR/vectors.py
	CARPDUMP=$BUILD_DIR/tools/carpdump/carpdump
	CARP_EMIT=$BUILD_DIR/tools/carpdump/carp-emit
	NFAIL=0
	NPASS=0
	local t
	for t in "$CARPDUMP" "$CARP_EMIT"; do
		[[ -x $t ]] || tl_fail "$t missing: build the tree first (ninja -C $1)"
	done
}

pass() { echo "PASS: $1"; NPASS=$((NPASS + 1)); }

interop_fail() { # WHAT [FILE]: record a failure, show the evidence
	echo "FAIL: $1"
	if [[ -n ${2:-} && -r $2 ]]; then
		echo "----- $2"
		tail -n 40 "$2"
		echo "-----"
	fi
	NFAIL=$((NFAIL + 1))
}

expect_rc() { # WANT GOT WHAT [FILE]
	if [[ $1 == "$2" ]]; then pass "$3 (exit $2)"; else interop_fail "$3: exit $2, expected $1" "${4:-}"; fi
}

expect_grep() { # FILE ERE WHAT
	if grep -Eq -- "$2" "$1"; then pass "$3"; else interop_fail "$3: no line matches /$2/" "$1"; fi
}

expect_no_grep() { # FILE ERE WHAT
	if ! grep -Eq -- "$2" "$1"; then pass "$3"; else interop_fail "$3: unexpected line /$2/" "$1"; fi
}

expect_line() { # FILE EXACT-LINE WHAT
	if grep -Fxq -- "$2" "$1"; then pass "$3"; else interop_fail "$3: missing line '$2'" "$1"; fi
}

expect_count() { # FILE ERE N WHAT
	local n
	n=$(grep -Ec -- "$2" "$1")
	if [[ $n == "$3" ]]; then pass "$4"; else interop_fail "$4: $n lines match /$2/, expected $3" "$1"; fi
}

wait_for_log() { # FILE ERE SECONDS: poll until the pattern appears
	local end=$((SECONDS + $3))
	while ((SECONDS < end)); do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.2
	done
	grep -Eq -- "$2" "$1" 2>/dev/null
}

interop_finish() { # [FILE to show on failure]
	echo "$NPASS checks passed, $NFAIL failed"
	if ((NFAIL > 0)); then
		[[ -n ${1:-} && -r $1 ]] && { echo "----- $1"; cat "$1"; }
		exit 1
	fi
	exit 0
}
