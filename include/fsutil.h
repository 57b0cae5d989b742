/*
 * fsutil.h: files written whole or not at all (state file, pid file).
 */
#ifndef RESPAWND_FSUTIL_H
#define RESPAWND_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Replace PATH with DATA: a temporary file in the same directory, written,
 * fsync'ed when DURABLE, then renamed over PATH, so a reader sees the old
 * file or the new one, never a part. Returns 0, or -1 with errno set (the
 * temporary file is gone then).
 */
int
fsutil_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, bool durable);

/* Read at most MAX bytes of the regular file open on FD into a new
 * buffer (NUL-terminated, length in *len). NULL with errno on failure. */
char *
fsutil_read_fd(int fd, size_t max, size_t *len);

/* Set or clear FD_CLOEXEC. Returns 0 or -1 with errno. */
int
fsutil_cloexec(int fd, bool on);

#endif
