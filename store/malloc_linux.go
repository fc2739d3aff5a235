//go:build linux && cgo

package store

/*
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

extern int sqlite3_config(int, ...);

static void briefbot_tune_malloc(void) {
	// SQLITE_CONFIG_MEMSTATUS off: SQLite stops counting its memory,
	// which took a global mutex on every allocation and free.
	sqlite3_config(9, 0);
#ifdef __GLIBC__
	// Keep up to 64 MiB of freed heap rather than handing it back to
	// the kernel after every statement.
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}
*/
import "C"

// SQLite allocates and frees through glibc's malloc. By default glibc
// hands the top of its heap back to the kernel once more than 128 KiB is
// free, and faults it in again on the next statement: on the virtual
// machines briefbot was measured on, that made the same prepared query
// run 8 to 20 times slower (25 µs against 190–450 µs) for whole stretches
// of a process. Keeping the freed heap costs at most 64 MiB of resident
// memory.
func init() { C.briefbot_tune_malloc() }
