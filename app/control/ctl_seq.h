/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A sequence lock over an array of 64-bit words, for status the control
 * lcore publishes and telemetry threads copy out (the same scheme as
 * lib/carp's carp_view). The single writer never waits; readers retry while
 * a write overlaps. Words are relaxed atomics, so there is no data race.
 */
#ifndef CTL_SEQ_H
#define CTL_SEQ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CTL_SEQ_WORDS(type) ((sizeof(type) + 7) / 8)

/* Writer (one thread): seq odd, fence, words, seq even (release). */
static inline void ctl_seq_write(_Atomic uint32_t *seq, _Atomic uint64_t *w, size_t nwords,
                                 const void *src, size_t len)
{
	uint32_t s = atomic_load_explicit(seq, memory_order_relaxed);
	uint64_t word;

	atomic_store_explicit(seq, s + 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	for (size_t i = 0; i < nwords; i++) {
		size_t off = i * 8, n = off < len ? (len - off < 8 ? len - off : 8) : 0;

		word = 0;
		memcpy(&word, (const uint8_t *)src + off, n);
		atomic_store_explicit(&w[i], word, memory_order_relaxed);
	}
	atomic_store_explicit(seq, s + 2, memory_order_release);
}

/* Reader (any thread): true with a complete copy, false after `tries`
 * attempts that all overlapped a write. */
static inline bool ctl_seq_read(_Atomic uint32_t *seq, _Atomic uint64_t *w, size_t nwords,
                                void *dst, size_t len, unsigned int tries)
{
	uint32_t s1, s2;
	uint64_t word;

	while (tries-- > 0) {
		s1 = atomic_load_explicit(seq, memory_order_acquire);
		if (s1 & 1)
			continue;
		for (size_t i = 0; i < nwords; i++) {
			size_t off = i * 8, n = off < len ? (len - off < 8 ? len - off : 8) : 0;

			word = atomic_load_explicit(&w[i], memory_order_relaxed);
			memcpy((uint8_t *)dst + off, &word, n);
		}
		atomic_thread_fence(memory_order_acquire);
		s2 = atomic_load_explicit(seq, memory_order_relaxed);
		if (s1 == s2)
			return true;
	}
	return false;
}

#endif /* CTL_SEQ_H */
