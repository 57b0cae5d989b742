/*
 * conf.h: the configuration, read with inih and validated in full into an
 * immutable struct conf that owns all of its memory.
 */
#ifndef RESPAWND_CONF_H
#define RESPAWND_CONF_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "backoff.h"
#include "log.h"
#include "names.h"
#include "parse.h"

enum restart_policy {
	RESTART_ALWAYS,
	RESTART_ON_FAILURE,
	RESTART_NEVER,
};

enum kill_mode {
	KILL_GROUP,
	KILL_PROCESS,
};

enum output_kind {
	OUT_INHERIT,
	OUT_NULL,
	OUT_FILE,
	OUT_STDOUT,	/* stderr only: wherever stdout goes */
};

struct output {
	enum output_kind kind;
	char *path;		/* absolute, OUT_FILE only */
};

struct svc_conf {
	/* Pointers first, then by size: a thousand of these are resident. */
	char *name;
	char **argv;			/* words of command, one allocation */
	char *exec_path;		/* absolute when argv[0] has a '/' */
	const char *search_path;	/* PATH for a bare argv[0] */
	char *directory;		/* absolute */
	char **environment;		/* KEY=VALUE words, or NULL */
	char **envp;			/* what the service gets; NULL: ours */
	char *user, *group;		/* as written, or NULL */
	gid_t *groups;
	const struct exit_codes *success;	/* shared when just "0" */
	size_t ngroups;
	struct output out, err;
	struct backoff_policy backoff;
	uint64_t stop_timeout_ms;
	uint64_t digest;		/* of the keys whose change restarts it */
	uint64_t argv_digest;		/* of argv as /proc/PID/cmdline shows */
	long priority;
	int line;			/* of its [service:NAME] header */
	int stop_signal;
	uid_t uid;
	gid_t gid;
	mode_t umask;
	enum restart_policy restart;
	enum kill_mode kill_mode;
	bool clear_environment;
	bool set_uid, set_gid, set_groups;
	bool set_umask;
	bool is_main;
	bool foreground;		/* "--" form: own group, takes the tty */
};

struct conf {
	char *path;			/* as given, for messages; NULL: none */
	char *dir;			/* absolute; relative paths start here */
	char *state_file;
	char *pid_file;			/* or NULL */
	enum log_target log_target;
	enum log_level log_level;
	uint64_t shutdown_timeout_ms;
	unsigned max_parallel_starts;
	char *main;			/* name of the main service, or NULL */
	int forward_signals[NSIG];
	int nforward;
	bool dash_form;			/* a command after "--" and no -c */
	struct svc_conf *svcs;
	size_t nsvcs;
	struct names names;		/* of svcs, for conf_find() */
	/* Every string and vector above lives in these chunks: one
	 * allocation per 16 KiB, none per string, no holes when freed. */
	struct conf_chunk *chunks;
	char *chunk_next;
	size_t chunk_left;
};

/* Where errors go: FILE as given, LINE 0 for the file as a whole. */
typedef void conf_report_fn(void *arg, const char *file, int line,
    const char *message);

struct conf_opts {
	char *const *environ;		/* respawnd's environment */
	const char *cwd;		/* absolute */
	uid_t uid;
	pid_t pid;
	char *const *main_argv;		/* the command after "--", or NULL */
	const char *state_file;		/* -s, or NULL */
	conf_report_fn *report;
	void *report_arg;
};

/*
 * Read and validate PATH (NULL: no file, only the "--" command). Every
 * error goes to opts->report. Returns the configuration, or NULL when it
 * had any error (or on ENOMEM). Free it with conf_free().
 */
struct conf *
conf_load(const char *path, const struct conf_opts *opts);

/* Cannot fail; NULL is allowed. */
void
conf_free(struct conf *conf);

/* The service called NAME, or NULL. */
const struct svc_conf *
conf_find(const struct conf *conf, const char *name);

#endif
