//go:build linux && cgo

package store

/*
#include <stddef.h>
#include <sys/mman.h>

extern int sqlite3_config(int, ...);

// briefbot_pagecache gives SQLite's page cache one transparent huge
// page of slots for 4 KiB pages (see pageCache).
static int briefbot_pagecache(void) {
	int hdr = 0;
	if (sqlite3_config(24, &hdr) != 0) { // SQLITE_CONFIG_PCACHE_HDRSZ
		return -1;
	}
	size_t huge = 2 << 20;
	int sz = (4096 + hdr + 7) & ~7;
	int slots = huge / sz;
	// Twice the size, to cut out a huge page on its alignment.
	char *m = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		return -1;
	}
	char *p = (char *)(((size_t)m + huge - 1) & ~(huge - 1));
	if (p > m) {
		munmap(m, p - m);
	}
	if (m + 2 * huge > p + huge) {
		munmap(p + huge, m + 2 * huge - (p + huge));
	}
	madvise(p, huge, MADV_HUGEPAGE);
	if (sqlite3_config(7, p, sz, slots) != 0) { // SQLITE_CONFIG_PAGECACHE
		munmap(p, huge);
		return -1;
	}
	return slots;
}
*/
import "C"

// pageCache gives SQLite's page cache a pool of 2 MiB (about 470 pages
// of 4 KiB) in one transparent huge page, before any connection opens;
// pages past it, or of larger page sizes, come from malloc as before.
// A cold `briefbot ask` reads 100 to 300 pages (the schema and
// `/who wagoner`'s rows at 1,000 to 100,000 articles), and from malloc
// each was a fresh piece of heap and a page fault or two: on the
// virtual machines briefbot was measured on, a fault costs several
// microseconds, and one huge page in place of 150 to 330 faults cut 3
// to 8 ms of CPU. Where the kernel has no huge page to hand (or
// transparent huge pages are off), the pool is faulted in a page at a
// time like the heap was. A failure leaves SQLite's default in place.
var pageCache = int(C.briefbot_pagecache())
