/*
 * spawn.c: the only fork. The child shares respawnd's memory until it
 * execs (clone with CLONE_VM | CLONE_VFORK, as glibc's posix_spawn does),
 * so creating a process costs the same whether respawnd holds ten
 * services or ten thousand. Between clone and exec the child makes only
 * async-signal-safe calls, allocates nothing, runs on its own stack and
 * reports a failure through memory the parent reads once it resumes.
 * Everything the child needs (argv, environment, ids) is built before.
 */
#include "spawn.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

#define CHILD_STACK_SIZE	(64 * 1024)

struct child_ctx {
	const struct spawn_req *req;
	volatile struct spawn_error *error;
};

static void *child_stack;

static const char *const step_names[] = {
	[STEP_NONE] = "start",
	[STEP_SESSION] = "create a session",
	[STEP_FDS] = "set up standard fds",
	[STEP_DIRECTORY] = "change to the directory",
	[STEP_GROUPS] = "set supplementary groups",
	[STEP_GID] = "set the group",
	[STEP_UID] = "set the user",
	[STEP_EXEC] = "exec",
};

const char *
spawn_step_name(enum spawn_step step)
{
	return step_names[step];
}

#define CHILD_CODE __attribute__((no_sanitize("address", "undefined")))

CHILD_CODE static _Noreturn void
child_fail(struct child_ctx *ctx, enum spawn_step step, int err)
{
	ctx->error->step = step;
	ctx->error->err = err;
	/* As a shell: 127 when there is no such program, 126 otherwise. */
	_exit(step == STEP_EXEC && err == ENOENT ? 127 : 126);
}

/* execvpe() may allocate; this search does not (XCU 2.9.1.1). */
CHILD_CODE static int
child_exec(const struct spawn_req *req)
{
	char path[PATH_MAX];
	const char *dirs = req->search_path;
	size_t flen = strlen(req->file);
	bool denied = false;

	if (strchr(req->file, '/') != NULL) {
		execve(req->file, req->argv, req->envp);
		return errno;
	}
	for (;;) {
		const char *end = strchrnul(dirs, ':');
		size_t dlen = (size_t)(end - dirs);

		if (dlen + 1 + flen + 1 <= sizeof(path)) {
			/* An empty element is the working directory. */
			memcpy(path, dirs, dlen);
			if (dlen == 0)
				path[dlen++] = '.';
			path[dlen] = '/';
			memcpy(path + dlen + 1, req->file, flen + 1);
			execve(path, req->argv, req->envp);
			if (errno == EACCES)
				denied = true;
			else if (errno != ENOENT && errno != ENOTDIR &&
			    errno != ESTALE && errno != ENODEV &&
			    errno != ETIMEDOUT)
				return errno;
		}
		if (*end == '\0')
			break;
		dirs = end + 1;
	}
	return denied ? EACCES : ENOENT;
}

CHILD_CODE static int
child_main(void *arg)
{
	struct child_ctx *ctx = arg;
	const struct spawn_req *req = ctx->req;
	/* The kernel's sigaction for SIG_DFL is all zeros, whatever the
	 * architecture; raw, because glibc refuses its signals 32 and 33. */
	static const char dfl[64];
	sigset_t empty;

	for (int i = 0; i < req->nreset; i++)
		syscall(SYS_rt_sigaction, req->reset_signals[i], dfl, NULL, 8);
	if (req->new_session) {
		if (setsid() < 0)
			child_fail(ctx, STEP_SESSION, errno);
	} else if (req->new_group) {
		if (setpgid(0, 0) < 0)
			child_fail(ctx, STEP_SESSION, errno);
		/* SIGTTOU is blocked here, so a background group may do this. */
		if (req->tty_fd >= 0)
			tcsetpgrp(req->tty_fd, getpid());
	}
	for (int fd = 0; fd < 3; fd++) {
		if (req->fds[fd] >= 0 && req->fds[fd] != fd &&
		    dup2(req->fds[fd], fd) < 0)
			child_fail(ctx, STEP_FDS, errno);
	}
	/* Our own fds are close-on-exec; this also catches inherited ones. */
	syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
	if (req->directory != NULL && chdir(req->directory) < 0)
		child_fail(ctx, STEP_DIRECTORY, errno);
	if (req->set_umask)
		umask(req->umask);
	/* Raw calls: glibc's wrappers would signal respawnd's threads. */
	if (req->set_groups &&
	    syscall(SYS_setgroups, req->ngroups, req->groups) < 0)
		child_fail(ctx, STEP_GROUPS, errno);
	if (req->set_gid &&
	    syscall(SYS_setresgid, req->gid, req->gid, req->gid) < 0)
		child_fail(ctx, STEP_GID, errno);
	if (req->set_uid &&
	    syscall(SYS_setresuid, req->uid, req->uid, req->uid) < 0)
		child_fail(ctx, STEP_UID, errno);
	sigemptyset(&empty);
	sigprocmask(SIG_SETMASK, &empty, NULL);
	child_fail(ctx, STEP_EXEC, child_exec(req));
}

pid_t
spawn(const struct spawn_req *req, struct spawn_error *error)
{
	volatile struct spawn_error result = { STEP_NONE, 0 };
	struct child_ctx ctx = { req, &result };
	sigset_t all, saved;
	pid_t pid;
	int saved_errno;

	if (child_stack == NULL) {
		void *stack = mmap(NULL, CHILD_STACK_SIZE,
		    PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);

		if (stack == MAP_FAILED)
			return -1;
		child_stack = stack;
	}
	/* No handler of ours may run in the child: it shares our memory. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &saved);
	pid = clone(child_main, (char *)child_stack + CHILD_STACK_SIZE,
	    CLONE_VM | CLONE_VFORK | SIGCHLD, &ctx);
	saved_errno = errno;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	error->step = result.step;
	error->err = result.err;
	errno = saved_errno;
	return pid;
}
