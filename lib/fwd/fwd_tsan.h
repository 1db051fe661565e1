/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_TSAN_H
#define FWD_TSAN_H

/*
 * Happens-before edges that pass through DPDK's libraries, told to
 * ThreadSanitizer. Debian's librte_* are not instrumented, so TSan does not
 * see that rte_eal_remote_launch orders what the main thread built before
 * the worker starts, nor that rte_eal_wait_lcore orders what the worker did
 * before the main thread frees it; it would report those as races.
 * fwd_worker_launch / fwd_worker_main / fwd_workers_wait mark them on the
 * context (tests mark the ones their PMD rings carry). Nothing in other
 * builds.
 */

#if defined(__SANITIZE_THREAD__)
#define FWD_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FWD_TSAN 1
#endif
#endif

#ifdef FWD_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define FWD_TSAN_RELEASE(p) __tsan_release((void *)(p))
#define FWD_TSAN_ACQUIRE(p) __tsan_acquire((void *)(p))
#else
#define FWD_TSAN_RELEASE(p) ((void)(p))
#define FWD_TSAN_ACQUIRE(p) ((void)(p))
#endif

#endif
