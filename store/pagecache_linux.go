//go:build linux && cgo

package store

/*
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern int sqlite3_config(int, ...);

// briefbot_pagecache gives SQLite's page cache one transparent huge
// page of slots for 4 KiB pages (see pageCache).
static int briefbot_pagecache(void) {
	// SQLite writes a link into every slot when it first opens a
	// database: without huge pages that would fault in all of them.
	char mode[64] = {0};
	int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	ssize_t got = read(fd, mode, sizeof mode - 1);
	close(fd);
	if (got <= 0 || strstr(mode, "[never]") != NULL) {
		return -1;
	}
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

import "sync"

// ShortLivedPageCache gives SQLite's page cache a pool of 2 MiB (about
// 470 pages of 4 KiB) in one transparent huge page. Call it before the
// process opens any database, in a process that runs one command and
// exits (`briefbot ask`); once SQLite has started it does nothing.
//
// A cold `briefbot ask` reads 100 to 300 pages (the schema and
// `/who wagoner`'s rows at 1,000 to 100,000 articles), and from malloc
// each was a fresh piece of heap and a page fault or two: on the
// virtual machines briefbot was measured on, faults are dear, and one
// huge page in place of 150 to 330 faults cut 3 to 11 ms of CPU.
//
// Not for the bot or for loads: with a pool, SQLite stops growing every
// connection's cache once the pool is nearly used up (it recycles
// pages instead of taking more from malloc), which would cap the write
// connection's 128 MiB cache at the pool's size. SQLite also links
// every slot into its free list when it first opens a database, which
// touches the whole pool: where transparent huge pages are off there
// is no pool, and where the kernel has no huge page to hand the pool
// costs about 470 faults once. A failure leaves SQLite's default in
// place.
func ShortLivedPageCache() {
	shortLivedOnce.Do(func() { C.briefbot_pagecache() })
}

var shortLivedOnce sync.Once
