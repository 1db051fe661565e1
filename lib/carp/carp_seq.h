/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one sequence lock of carp-router (docs/fast-path.md, "Publication"):
 * a multi-word status that ONE thread writes (the control lcore) and other
 * threads copy out (telemetry, ifstated). lib/carp's carp_view and the
 * control lcore's port and host cells use it; nothing else does.
 *
 * The writer never waits; a reader retries while a write overlaps its copy.
 * The words are atomics, so a copy racing a write is no data race (in
 * C11 terms, and for ThreadSanitizer), only an inconsistent copy that the
 * sequence check throws away. No fences: each word store is a release and
 * each word load an acquire, which orders the odd sequence store before
 * every data store and every data load before the second sequence load
 * (Boehm, "Can seqlocks get along with programming language memory
 * models?", 2012). ThreadSanitizer models these, not fences.
 *
 * Why not DPDK's rte_seqlock: lib/carp has no DPDK, and rte_seqlock's
 * readers copy with plain loads while the writer stores: a data race in
 * C11, which TSan rightly reports.
 */
#ifndef CARP_SEQ_H
#define CARP_SEQ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 64-bit words holding a value of `type`. */
#define CARP_SEQ_WORDS(type) ((sizeof(type) + 7) / 8)

/* Bytes of word i that hold part of a len-byte value. */
static inline size_t carp_seq_part(size_t i, size_t len)
{
	size_t off = i * 8;

	return off < len ? (len - off < 8 ? len - off : 8) : 0;
}

/* Writer (one thread): len bytes of src into nwords words under seq. */
static inline void carp_seq_write(_Atomic uint32_t *seq, _Atomic uint64_t *w, size_t nwords,
                                  const void *src, size_t len)
{
	uint32_t s = atomic_load_explicit(seq, memory_order_relaxed);

	atomic_store_explicit(seq, s + 1, memory_order_relaxed); /* odd: writing */
	for (size_t i = 0; i < nwords; i++) {
		uint64_t word = 0;

		memcpy(&word, (const uint8_t *)src + i * 8, carp_seq_part(i, len));
		/* release: the odd seq above is visible to whoever sees this word */
		atomic_store_explicit(&w[i], word, memory_order_release);
	}
	/* release: whoever sees the even seq sees every word of this write */
	atomic_store_explicit(seq, s + 2, memory_order_release);
}

/* Reader (any thread): true with a complete copy of one write in dst,
 * false after `tries` attempts that all overlapped a write. */
static inline bool carp_seq_read(_Atomic uint32_t *seq, _Atomic uint64_t *w, size_t nwords,
                                 void *dst, size_t len, unsigned int tries)
{
	while (tries-- > 0) {
		uint32_t s1 = atomic_load_explicit(seq, memory_order_acquire);

		if (s1 & 1)
			continue;
		for (size_t i = 0; i < nwords; i++) {
			/* acquire: the seq load below cannot move above it */
			uint64_t word = atomic_load_explicit(&w[i], memory_order_acquire);

			memcpy((uint8_t *)dst + i * 8, &word, carp_seq_part(i, len));
		}
		if (atomic_load_explicit(seq, memory_order_relaxed) == s1)
			return true;
	}
	return false;
}

#endif /* CARP_SEQ_H */
