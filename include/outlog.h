/*
 * outlog.h: a service's output to a file, through a pipe respawnd holds.
 *
 * The service writes into the pipe; respawnd moves what arrives into the
 * file. The pipe outlives each run of the service (respawnd keeps its
 * write end), so nothing is lost across restarts, and outlives respawnd's
 * re-exec (both ends cross the exec), so nothing is lost then either. The
 * file can be reopened at any time (SIGUSR2) under a running service.
 */
#ifndef RESPAWND_OUTLOG_H
#define RESPAWND_OUTLOG_H

#include <stdbool.h>
#include <stdint.h>

struct relay;

/*
 * A relay into PATH (absolute), with a new pipe, or with the pipe of a
 * previous image (RFD, WFD >= 0; -1 for a new one). The file is opened
 * now; if it cannot be, output is dropped (and counted) until a reopen
 * succeeds. NULL with errno when no pipe can be had.
 */
struct relay *
outlog_open(const char *path, int rfd, int wfd);

/* One more user of R (stdout and stderr sharing it). */
void
outlog_ref(struct relay *r);

/* Drop a user; the last one drains what is in the pipe and closes it. */
void
outlog_unref(struct relay *r);

/* The fd a service writes to. */
int
outlog_service_fd(const struct relay *r);

/* The pipe's ends and the path, to hand to a new image. */
int
outlog_read_fd(const struct relay *r);

const char *
outlog_path(const struct relay *r);

/* SIGUSR2: move what is waiting into the current files, reopen each. */
void
outlog_reopen_all(void);

/* Move everything waiting in every pipe into its file (at exit). */
void
outlog_drain_all(void);

/* Mark every relay's pipe to cross (or not) the next exec. */
void
outlog_cloexec_all(bool on);

#endif
