/*
 * statefile.h: the child table as a file, so that a new image of respawnd
 * (after SIGHUP, after a crash, or after an unclean death) finds every
 * service where the old one left it.
 *
 * The format is text, one record per line, "KIND key=value ...":
 *
 *   respawnd-state 1
 *   daemon pid=812 pstart=4711 main=-1 crashes=0 since=0 giveup=0
 *   svc name=web st=running pid=815 pgid=815 pstart=4713 ...
 *   end 1
 *   sum 8f3a56e1c07b92d4
 *
 * The first line names the format and its version; "end N" counts the
 * service records; "sum" is FNV-1a 64 over the 8-byte little-endian
 * words of every byte before it (fnv1a_words()). Writing is
 * async-signal-safe (no allocation, no stdio), so the crash handler can
 * write the same file the SIGHUP path does; reading is pure and rejects
 * whatever does not hold, with a reason.
 */
#ifndef RESPAWND_STATEFILE_H
#define RESPAWND_STATEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "names.h"
#include "svc.h"

#define STATEFILE_MAGIC		"respawnd-state"
#define STATEFILE_VERSION	1
/* Largest pid Linux hands out (PID_MAX_LIMIT on 64-bit). */
#define STATEFILE_PID_MAX	4194304
/* Bytes a record may take, paths aside. */
#define STATEFILE_RECORD_MAX	640

/* Service record flags. */
#define STATE_SIGNALLED		0x1
#define STATE_KILLED		0x2
#define STATE_RESPAWNING	0x4

struct state_daemon {
	pid_t pid;
	unsigned long long pstart;	/* respawnd's own /proc start time */
	int main_status;		/* -1: none */
	unsigned crashes;		/* crash re-execs in the current minute */
	uint64_t crash_since;		/* monotonic ms of the first of them */
	bool give_up;			/* too many crashes: stop and exit 1 */
};

struct state_svc {
	const char *name;
	enum svc_state state;
	pid_t pid, pgid;
	unsigned long long pstart;	/* /proc start time of pid, 0: unknown */
	uint64_t started_ms;		/* monotonic */
	uint64_t definition;		/* digest of the keys that restart */
	uint64_t cmdline;		/* digest of /proc/PID/cmdline, 0: none */
	unsigned streak;
	unsigned long restarts;
	int last_status;		/* wait status, -1: none */
	uint64_t last_ran_ms;
	unsigned flags;			/* STATE_* */
	enum svc_after after;
	uint64_t after_delay_ms;
	uint64_t deadline_ms;		/* pending timer, 0: none */
	int stop_signal;		/* to stop it if it was removed */
	uint64_t stop_timeout_ms;
	long priority;
	enum kill_mode kill_mode;
	bool is_main;
	int out_r, out_w, err_r, err_w;	/* relay pipes, -1: none */
	const char *out_path, *err_path;	/* NULL: none */
};

struct state {
	struct state_daemon daemon;
	struct state_svc *svcs;
	size_t nsvcs;
	struct names names;		/* of svcs, for statefile_find() */
	char *text;			/* owns the strings of svcs */
};

/* ---- writing: async-signal-safe ---- */

struct state_writer {
	char *buf;
	size_t cap, len;
	bool overflow;
};

/* Room a record of S needs. */
size_t
statefile_record_size(const struct state_svc *s);

void
statefile_begin(struct state_writer *w, char *buf, size_t cap,
    const struct state_daemon *d);

void
statefile_add(struct state_writer *w, const struct state_svc *s);

/* Close the text with "end" and "sum"; its length, or 0 if it did not fit. */
size_t
statefile_finish(struct state_writer *w, size_t nsvcs);


/* ---- reading ---- */

/*
 * Parse TEXT (LEN bytes, modified in place; on success *st owns it and it
 * must come from malloc). Returns 0, or -1 with *reason a static message
 * ("bad checksum") and TEXT not taken.
 */
int
statefile_parse(char *text, size_t len, struct state *st,
    const char **reason);

/*
 * Read PATH and parse it, trusting it only if it is a regular file (not a
 * symbolic link) owned by UID and not writable by group or others.
 * Returns 0, 1 when there is no such file, or -1 with *reason.
 */
int
statefile_read(const char *path, uid_t uid, struct state *st,
    const char **reason);

void
statefile_free(struct state *st);

/* The record of service NAME, or NULL. */
const struct state_svc *
statefile_find(const struct state *st, const char *name);

#endif
