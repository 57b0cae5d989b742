/*
 * spawn.h: start one process of a service. The only place that forks.
 */
#ifndef RESPAWND_SPAWN_H
#define RESPAWND_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct spawn_req {
	const char *file;	/* absolute, or a bare name for search_path */
	char *const *argv;
	char *const *envp;
	const char *search_path;
	const char *directory;
	int fds[3];		/* become 0, 1 and 2 */
	bool new_session;	/* setsid(): own session and group */
	bool new_group;		/* setpgid(0, 0) in respawnd's session */
	int tty_fd;		/* >= 0: take this terminal's foreground */
	bool set_umask;
	mode_t umask;
	bool set_groups, set_gid, set_uid;
	const gid_t *groups;
	size_t ngroups;
	gid_t gid;
	uid_t uid;
	const int *reset_signals;	/* dispositions respawnd changed */
	int nreset;
};

enum spawn_step {
	STEP_NONE,
	STEP_SESSION,
	STEP_FDS,
	STEP_DIRECTORY,
	STEP_GROUPS,
	STEP_GID,
	STEP_UID,
	STEP_EXEC,
};

struct spawn_error {
	enum spawn_step step;
	int err;		/* errno of the step */
};

/*
 * Start REQ. Returns the pid once the child has exec'd or failed to: on
 * failure *error names the step and its errno, and the child exits 127
 * (program not found) or 126 (anything else), to be reaped as any child.
 * Returns -1 with errno set when no child could be created. Process
 * creation is clone(CLONE_VM | CLONE_VFORK): its cost does not grow with
 * respawnd's memory.
 */
pid_t
spawn(const struct spawn_req *req, struct spawn_error *error);

/* "exec", "chdir to the directory", ... for "unable to %s". */
const char *
spawn_step_name(enum spawn_step step);

#endif
