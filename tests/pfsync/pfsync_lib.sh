# Shared set-up of the tests/pfsync scripts (sourced): tests/lib's scratch
# dir and trap, tests/interop's check helpers, and the tools under test.
. "$(dirname "${BASH_SOURCE[0]}")/../interop/interop_lib.sh"

# pfsync_init BUILD_DIR NAME
pfsync_init() {
	tl_init "pfs-$2"
	TMP=$TL_TMP
	BUILD_DIR=$1
	if [[ -d $BUILD_DIR ]]; then BUILD_DIR=$(cd "$BUILD_DIR" && pwd); else BUILD_DIR=$TL_ROOT/$BUILD_DIR; fi
	PFSYNC_DIR=$TL_ROOT/tests/pfsync
	FRAMES=$PFSYNC_DIR/pfsync_frames.py
	VECTORS_PCAP=$PFSYNC_DIR/data/pfsync_vectors.pcap
	PFSYNCDUMP=$BUILD_DIR/tools/pfsyncdump/pfsyncdump
	PFSYNC_EMIT=$BUILD_DIR/tools/pfsyncdump/pfsync-emit
	LUA=$TL_ROOT/tools/pfsyncdump/pfsync.lua
	NFAIL=0
	NPASS=0
	local t
	for t in "$PFSYNCDUMP" "$PFSYNC_EMIT"; do
		[[ -x $t ]] || tl_fail "$t missing: build the tree first (ninja -C $1)"
	done
}

# The committed vectors' HMAC key (pfsync_frames.py KEY: bytes 0..31).
VECTOR_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
