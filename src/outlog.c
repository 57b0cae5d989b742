/*
 * outlog.c: relays from a service's pipe into its output file.
 *
 * splice(2) moves the bytes without copying them through respawnd. It
 * refuses files opened O_APPEND, so the file is opened without it and
 * each batch starts at its current end (lseek SEEK_END), which also keeps
 * appending right after a "copytruncate" rotation. Where splice cannot
 * write (some file systems, devices) read/write takes over. Each wakeup
 * moves at most RELAY_BUDGET bytes per pipe, so one chatty service cannot
 * hold the loop; a file that cannot be written (ENOSPC, EIO) has its
 * output dropped and counted rather than blocking the service on a full
 * pipe.
 */
#include "outlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "loop.h"

#define RELAY_CHUNK	(64 * 1024)
#define RELAY_BUDGET	(256 * 1024)
/* Draining stops here even if a service keeps writing. */
#define RELAY_DRAIN_MAX	(64 * 1024 * 1024)

struct relay {
	int rfd, wfd;
	int file_fd;		/* -1: not open, output is dropped */
	char *path;
	bool no_splice;
	uint64_t dropped;	/* bytes lost since the last good write */
	int refs;
	struct loop_fd *watch;
	struct relay *next, *prev;
};

static struct relay *relays;
static char copy_buf[RELAY_CHUNK];

static int
open_file(struct relay *r)
{
	r->file_fd = open(r->path, O_WRONLY | O_CREAT | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK, 0644);
	if (r->file_fd < 0) {
		log_msg(LL_ERROR, "unable to open %s: %s (output dropped until "
		    "SIGUSR2)", r->path, strerror(errno));
		return -1;
	}
	/* O_NONBLOCK was for the open (a FIFO with no reader); writes block. */
	fcntl(r->file_fd, F_SETFL, 0);
	return 0;
}

/* Throw away up to one chunk of waiting output that cannot be written
 * because of ERR (0: no file open). Returns what it took, 0 when the pipe
 * is empty. */
static ssize_t
drop(struct relay *r, int err)
{
	ssize_t n = read(r->rfd, copy_buf, sizeof(copy_buf));

	if (n <= 0)
		return 0;
	if (r->dropped == 0 && err != 0)
		log_msg(LL_WARN, "unable to write to %s: %s: output dropped",
		    r->path, strerror(err));
	r->dropped += (uint64_t)n;
	return n;
}

static ssize_t
copy_chunk(struct relay *r)
{
	ssize_t n = read(r->rfd, copy_buf, sizeof(copy_buf));
	ssize_t done = 0;

	if (n <= 0)
		return 0;
	lseek(r->file_fd, 0, SEEK_END);
	while (done < n) {
		ssize_t w = write(r->file_fd, copy_buf + done,
		    (size_t)(n - done));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (r->dropped == 0)
				log_msg(LL_WARN, "unable to write to %s: %s: "
				    "output dropped", r->path, strerror(errno));
			r->dropped += (uint64_t)(n - done);
			return n;
		}
		done += w;
	}
	return -n;	/* written: negative marks success */
}

/* Move one chunk. Returns bytes taken from the pipe, 0 when it is empty. */
static ssize_t
move_chunk(struct relay *r)
{
	ssize_t n;

	if (r->file_fd < 0)
		return drop(r, 0);
	if (r->no_splice) {
		n = copy_chunk(r);
		if (n >= 0)
			return n;
		n = -n;
	} else {
		lseek(r->file_fd, 0, SEEK_END);
		n = splice(r->rfd, NULL, r->file_fd, NULL, RELAY_CHUNK,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0 && errno == EINVAL) {
			r->no_splice = true;
			return move_chunk(r);
		}
		if (n < 0)
			return drop(r, errno);
	}
	if (n > 0 && r->dropped > 0) {
		log_msg(LL_INFO, "writing to %s again, %llu bytes were dropped",
		    r->path, (unsigned long long)r->dropped);
		r->dropped = 0;
	}
	return n;
}

static void
pump(struct relay *r, size_t budget)
{
	size_t moved = 0;

	while (moved < budget) {
		ssize_t n = move_chunk(r);

		if (n <= 0)
			break;
		moved += (size_t)n;
	}
}

static void
on_readable(void *arg)
{
	pump(arg, RELAY_BUDGET);
}

struct relay *
outlog_open(const char *path, int rfd, int wfd)
{
	struct relay *r = calloc(1, sizeof(*r));
	int fds[2] = { rfd, wfd };

	if (r == NULL)
		return NULL;
	r->path = strdup(path);
	if (r->path == NULL)
		goto fail;
	if (rfd < 0 || wfd < 0) {
		if (pipe2(fds, O_CLOEXEC) < 0)
			goto fail;
	} else {
		fsutil_cloexec(rfd, true);
		fsutil_cloexec(wfd, true);
	}
	r->rfd = fds[0];
	r->wfd = fds[1];
	/* Only our end is non-blocking: the service's writes block. */
	fcntl(r->rfd, F_SETFL, O_NONBLOCK);
	r->refs = 1;
	r->watch = loop_fd_watch(r->rfd, on_readable, r);
	if (r->watch == NULL) {
		close(r->rfd);
		close(r->wfd);
		goto fail;
	}
	open_file(r);
	r->next = relays;
	if (relays != NULL)
		relays->prev = r;
	relays = r;
	return r;
fail:
	free(r->path);
	free(r);
	return NULL;
}

void
outlog_ref(struct relay *r)
{
	r->refs++;
}

void
outlog_unref(struct relay *r)
{
	if (r == NULL || --r->refs > 0)
		return;
	pump(r, RELAY_DRAIN_MAX);
	loop_fd_unwatch(r->watch);
	close(r->rfd);
	close(r->wfd);
	if (r->file_fd >= 0)
		close(r->file_fd);
	if (r->prev != NULL)
		r->prev->next = r->next;
	else
		relays = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	free(r->path);
	free(r);
}

int
outlog_service_fd(const struct relay *r)
{
	return r->wfd;
}

int
outlog_read_fd(const struct relay *r)
{
	return r->rfd;
}

const char *
outlog_path(const struct relay *r)
{
	return r->path;
}

void
outlog_reopen_all(void)
{
	for (struct relay *r = relays; r != NULL; r = r->next) {
		pump(r, RELAY_DRAIN_MAX);
		if (r->file_fd >= 0)
			close(r->file_fd);
		r->no_splice = false;
		open_file(r);
	}
}

void
outlog_drain_all(void)
{
	for (struct relay *r = relays; r != NULL; r = r->next)
		pump(r, RELAY_DRAIN_MAX);
}

void
outlog_cloexec_all(bool on)
{
	for (struct relay *r = relays; r != NULL; r = r->next) {
		fsutil_cloexec(r->rfd, on);
		fsutil_cloexec(r->wfd, on);
	}
}
