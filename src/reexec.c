/*
 * reexec.c: handing the service table from one image of respawnd to the
 * next, and taking it over at start.
 *
 * SIGHUP: the configuration is validated, the new binary is asked to
 * validate it too (a binary that cannot even do that would take the
 * services down), the table goes to the state file, the relay pipes are
 * left open across the exec, the handled signals stay blocked (so none is
 * lost in between), and the program path resolved at start is exec'd.
 * The new image finds its own pid and start time in the state file: that
 * is how it knows the children are its own, unreaped, and adopts them.
 *
 * A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) does the same from
 * the signal handler, with only async-signal-safe calls: the state file
 * writer allocates nothing and /proc is read with open and read. More
 * than CRASH_MAX crashes in a minute and the next image stops every
 * service and exits 1 instead.
 *
 * While respawnd runs it keeps the state file current (after the table
 * changes, once per loop iteration, after the spawns), so a respawnd
 * killed outright leaves behind what its successor needs to find the
 * services still running: those are supervised through a pidfd until
 * they exit, then started again as ordinary children.
 */
#include "reexec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "loop.h"
#include "outlog.h"
#include "parse.h"
#include "proc.h"
#include "respawnd.h"
#include "spawn.h"
#include "statefile.h"
#include "sup.h"

extern char **environ;

#define MARKER		"RESPAWND_REEXEC"
#define CRASH_MAX	5
#define CRASH_WINDOW_MS	(60 * 1000)
/* How long the new binary may take to check the configuration. */
#define CHECK_TIMEOUT_MS	5000

static struct {
	char **argv;
	char self[4096];		/* absolute program path */
	char *conf_path;		/* absolute, or NULL */
	struct conf_opts opts;		/* to load the file again */
	char *state_path;		/* the running one's state file */
	int lock_fd;
	bool requested;
	enum { MARK_NONE, MARK_HUP, MARK_CRASH } marker;
	bool test_abort;		/* RESPAWND_TEST_ABORT_ON_USR1 */
	bool test_corrupt;		/* RESPAWND_TEST_CORRUPT_STATE */
	unsigned long long own_pstart;
	unsigned crashes;
	uint64_t crash_since;
	char *buf;			/* the packed table, mmap'd */
	size_t cap;
	char **crash_envp;
	char crash_marker[sizeof(MARKER) + 8];
	char *altstack;
	struct stat self_stat;		/* the binary we were exec'd from */
} rx = { .lock_fd = -1 };

/* ---- async-signal-safe pieces ---- */

static size_t
format_ulong(char *out, unsigned long v)
{
	char digits[24];
	size_t n = 0, len = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		out[len++] = digits[--n];
	return len;
}

/* A log line from the crash handler: no stdio there. */
static void
crash_log(const char *message)
{
	char line[256];
	size_t len = 0, mlen = strlen(message);

	memcpy(line, "respawnd[", 9);
	len = 9;
	len += format_ulong(line + len, (unsigned long)getpid());
	memcpy(line + len, "]: error: ", 10);
	len += 10;
	if (mlen > sizeof(line) - len - 1)
		mlen = sizeof(line) - len - 1;
	memcpy(line + len, message, mlen);
	len += mlen;
	line[len++] = '\n';
	(void)!write(STDERR_FILENO, line, len);
}

static uint64_t
clock_ms_safe(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Fill what only /proc knows, once per process: the start time, which
 * tells this process from any later holder of its pid. */
static void
note_proc(struct svc *s)
{
	struct proc_stat ps;

	if (s->pid != 0 && s->proc_start == 0 &&
	    proc_read_stat(s->pid, &ps) == 0)
		s->proc_start = ps.start_time;
}

static bool
recorded(const struct svc *s)
{
	return !(s->removed && s->state == SVC_STOPPED);
}

static void
to_record(struct svc *s, struct state_svc *r)
{
	const struct svc_conf *c = s->conf;

	note_proc(s);
	*r = (struct state_svc){
		.name = c->name,
		.state = s->state,
		.pid = s->pid,
		.pgid = s->pgid,
		.pstart = s->proc_start,
		.started_ms = s->started_ms,
		.definition = s->definition,
		.cmdline = s->cmdline,
		.streak = s->streak,
		.restarts = s->restarts,
		.last_status = s->last_status,
		.last_ran_ms = s->last_ran_ms,
		.flags = (s->signalled ? STATE_SIGNALLED : 0) |
		    (s->killed ? STATE_KILLED : 0) |
		    (s->respawning ? STATE_RESPAWNING : 0),
		.after = s->after,
		.after_delay_ms = s->after_delay_ms,
		.deadline_ms = wheel_entry_pending(&s->timer) ?
		    s->timer.deadline : 0,
		.stop_signal = c->stop_signal,
		.stop_timeout_ms = c->stop_timeout_ms,
		.priority = c->priority,
		.kill_mode = c->kill_mode,
		.is_main = c->is_main,
		.out_r = -1, .out_w = -1, .err_r = -1, .err_w = -1,
	};
	/* A state that a process needs, recorded without one, would be
	 * rejected: a timer-less stop of a gone group is simply over. */
	if (r->state == SVC_STOPPING && r->pid == 0 && r->pgid == 0)
		r->state = SVC_STOPPED;
	if (s->out != NULL) {
		r->out_r = outlog_read_fd(s->out);
		r->out_w = outlog_service_fd(s->out);
		r->out_path = outlog_path(s->out);
	}
	if (s->err != NULL) {
		r->err_r = outlog_read_fd(s->err);
		r->err_w = outlog_service_fd(s->err);
		r->err_path = outlog_path(s->err);
	}
}

/* The table as text in rx.buf; its length, or 0 if it did not fit. */
static size_t
pack(bool give_up)
{
	struct state_daemon d = {
		.pid = getpid(),
		.pstart = rx.own_pstart,
		.main_status = sup_main_status(),
		.crashes = rx.crashes,
		.crash_since = rx.crash_since,
		.give_up = give_up,
	};
	struct state_writer w;
	size_t n, count = 0;
	struct svc *svcs = sup_services(&n);

	statefile_begin(&w, rx.buf, rx.cap, &d);
	for (size_t i = 0; i < n; i++) {
		struct state_svc r;

		if (!recorded(&svcs[i]))
			continue;
		to_record(&svcs[i], &r);
		statefile_add(&w, &r);
		count++;
	}
	return statefile_finish(&w, count);
}

static void
on_fault(int signo, siginfo_t *si, void *context)
{
	static volatile sig_atomic_t crashing;
	uint64_t now;
	size_t len;

	(void)context;
	/* Sent by another process (kill, sigqueue), not a fault: a signal
	 * to pass on, if the main service gets this one. */
	if (si != NULL && si->si_code <= 0 && si->si_pid != getpid() &&
	    loop_forwards(signo)) {
		loop_forward_from_handler(signo);
		return;
	}
	if (signo == SIGPIPE)
		return;		/* our own write: its error return says it */
	now = clock_ms_safe();
	if (crashing || rx.buf == NULL)
		goto die;
	crashing = 1;
	if (rx.crashes == 0 || now - rx.crash_since > CRASH_WINDOW_MS) {
		rx.crashes = 0;
		rx.crash_since = now;
	}
	rx.crashes++;
	crash_log(signo == SIGSEGV ? "caught SIGSEGV: re-executing" :
	    signo == SIGBUS ? "caught SIGBUS: re-executing" :
	    signo == SIGFPE ? "caught SIGFPE: re-executing" :
	    signo == SIGILL ? "caught SIGILL: re-executing" :
	    signo == SIGTRAP ? "caught SIGTRAP: re-executing" :
	    signo == SIGSYS ? "caught SIGSYS: re-executing" :
	    "caught SIGABRT: re-executing");
	len = pack(rx.crashes > CRASH_MAX);
	if (len == 0 || fsutil_write_atomic(rx.state_path, rx.buf, len, 0600,
	    true) < 0) {
		crash_log("unable to write the state file: dying");
		goto die;
	}
	outlog_cloexec_all(false);
	{
		sigset_t all;

		sigfillset(&all);
		sigdelset(&all, signo);
		sigprocmask(SIG_SETMASK, &all, NULL);
	}
	execve(rx.self, rx.argv, rx.crash_envp);
	crash_log("unable to re-exec: dying");
die:
	signal(signo, SIG_DFL);
	raise(signo);
}

/* ---- setup ---- */

/* argv[0] made absolute: against the working directory when it has a
 * '/', else through PATH (SPEC.md, "Command line"). */
static int
resolve_self(const char *argv0, const char *cwd)
{
	const char *path = getenv("PATH");

	if (strchr(argv0, '/') != NULL) {
		int n = argv0[0] == '/' ?
		    snprintf(rx.self, sizeof(rx.self), "%s", argv0) :
		    snprintf(rx.self, sizeof(rx.self), "%s/%s", cwd, argv0);

		return n > 0 && (size_t)n < sizeof(rx.self) ? 0 : -1;
	}
	for (const char *dir = path != NULL ? path : "/usr/bin:/bin"; ;) {
		const char *end = strchrnul(dir, ':');
		int n = snprintf(rx.self, sizeof(rx.self), "%.*s/%s",
		    (int)(end - dir), dir, argv0);

		if (n > 0 && (size_t)n < sizeof(rx.self) && rx.self[0] == '/' &&
		    access(rx.self, X_OK) == 0)
			return 0;
		if (*end == '\0')
			break;
		dir = end + 1;
	}
	/* Not found as the shell would: fall back to what the kernel says. */
	ssize_t n = readlink("/proc/self/exe", rx.self, sizeof(rx.self) - 1);

	if (n <= 0)
		return -1;
	rx.self[n] = '\0';
	return 0;
}

static void
install_crash_handlers(void)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	    SIGABRT, SIGTRAP, SIGSYS, SIGPIPE };
	struct sigaction sa = { .sa_sigaction = on_fault,
	    .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER };
	stack_t ss;
	size_t n = 0;

	/* A stack overflow still finds a stack to run the handler on. */
	rx.altstack = malloc(64 * 1024);
	if (rx.altstack != NULL) {
		ss = (stack_t){ .ss_sp = rx.altstack, .ss_size = 64 * 1024 };
		sigaltstack(&ss, NULL);
	}
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		/* TRAP, SYS, PIPE: only to pass them on; else as they were. */
		if (i >= 5 && !loop_forwards(faults[i]))
			continue;
		sigaction(faults[i], &sa, NULL);
	}
	/* Its environment, made now: the handler cannot allocate. */
	while (environ[n] != NULL)
		n++;
	rx.crash_envp = calloc(n + 2, sizeof(char *));
	if (rx.crash_envp == NULL)
		return;
	memcpy(rx.crash_envp, environ, n * sizeof(char *));
	snprintf(rx.crash_marker, sizeof(rx.crash_marker), "%s=crash", MARKER);
	rx.crash_envp[n] = rx.crash_marker;
}

void
reexec_take_marker(void)
{
	const char *marker = getenv(MARKER);

	if (marker != NULL) {
		rx.marker = strcmp(marker, "crash") == 0 ? MARK_CRASH : MARK_HUP;
		unsetenv(MARKER);	/* services never see it */
	}
}

int
reexec_setup(char **argv, const struct conf_opts *opts, const char *config)
{
	rx.argv = argv;
	rx.opts = *opts;
	if (resolve_self(argv[0], opts->cwd) < 0)
		return -1;
	stat(rx.self, &rx.self_stat);
	if (config != NULL) {
		if (config[0] == '/')
			rx.conf_path = strdup(config);
		else if (asprintf(&rx.conf_path, "%s/%s", opts->cwd,
		    config) < 0)
			rx.conf_path = NULL;
		if (rx.conf_path == NULL)
			return -1;
	}
	rx.test_abort = getenv("RESPAWND_TEST_ABORT_ON_USR1") != NULL;
	rx.test_corrupt = getenv("RESPAWND_TEST_CORRUPT_STATE") != NULL;
	return 0;
}

bool
reexec_test_abort(void)
{
	return rx.test_abort;
}

/* ---- the lock ---- */

/* A descriptor we hold already on the file open on FD? (We are a new
 * image and held the lock before the exec.) */
static int
inherited_fd_of(int fd)
{
	struct stat want, sb;
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *d;
	int found = -1;

	if (dir == NULL || fstat(fd, &want) < 0) {
		if (dir != NULL)
			closedir(dir);
		return -1;
	}
	while ((d = readdir(dir)) != NULL) {
		long n;

		if (parse_long(d->d_name, 0, INT32_MAX, &n) < 0 || n == fd ||
		    n == dirfd(dir))
			continue;
		if (fstat((int)n, &sb) == 0 && sb.st_dev == want.st_dev &&
		    sb.st_ino == want.st_ino) {
			found = (int)n;
			break;
		}
	}
	closedir(dir);
	return found;
}

/*
 * Lock STATE.lock (an OFD lock: it belongs to the open file, so it
 * survives our exec and no other descriptor's close drops it). Returns 0,
 * or EXIT_USAGE after saying who holds it.
 */
static int
take_lock(const char *state_path)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char path[4096], text[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s.lock", state_path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		log_msg(LL_ERROR, "unable to open %s: %s", path,
		    strerror(errno));
		return EXIT_USAGE;
	}
	if (fcntl(fd, F_OFD_SETLK, &fl) < 0) {
		int held = inherited_fd_of(fd);
		long pid = 0;
		char buf[32] = "";

		if (held >= 0) {
			/* Ours, from before the exec: keep that one. */
			close(fd);
			fsutil_cloexec(held, true);
			rx.lock_fd = held;
			return 0;
		}
		(void)!pread(fd, buf, sizeof(buf) - 1, 0);
		buf[strcspn(buf, "\n")] = '\0';
		parse_long(buf, 1, INT32_MAX, &pid);
		log_msg(LL_ERROR, "state file %s is in use by respawnd pid %ld",
		    state_path, pid);
		close(fd);
		return EXIT_USAGE;
	}
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, text, (size_t)n, 0) != n)
		log_msg(LL_WARN, "unable to write %s: %s", path,
		    strerror(errno));
	rx.lock_fd = fd;
	return 0;
}

/* ---- start ---- */

/* Every pid whose parent we are, from /proc. */
static size_t
list_children(pid_t **out)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	size_t n = 0, cap = 0;
	pid_t *pids = NULL;

	*out = NULL;
	if (dir == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		struct proc_stat ps;
		long pid;

		if (parse_long(d->d_name, 2, STATEFILE_PID_MAX, &pid) < 0 ||
		    proc_read_stat((pid_t)pid, &ps) < 0 || ps.ppid != getpid())
			continue;
		if (n == cap) {
			pid_t *more = realloc(pids, (cap ? cap * 2 : 16) *
			    sizeof(*pids));

			if (more == NULL)
				break;
			pids = more;
			cap = cap ? cap * 2 : 16;
		}
		pids[n++] = (pid_t)pid;
	}
	closedir(dir);
	*out = pids;
	return n;
}

static int
map_buffer(void)
{
	size_t n, cap = 4096;
	struct svc *svcs = sup_services(&n);

	for (size_t i = 0; i < n; i++) {
		struct state_svc r = { .out_path = svcs[i].conf->out.path,
		    .err_path = svcs[i].conf->err.path };

		/* Adopted pipes may still name an older path. */
		cap += statefile_record_size(&r) + 2 * 3 * 4096;
	}
	/* Reserved, not resident: pages are touched only while writing. */
	rx.buf = mmap(NULL, cap, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (rx.buf == MAP_FAILED) {
		rx.buf = NULL;
		return -1;
	}
	rx.cap = cap;
	return 0;
}

static void
write_state(bool durable)
{
	size_t len = pack(false);

	if (len == 0) {
		log_msg(LL_ERROR, "unable to write %s: the table did not fit",
		    rx.state_path);
		return;
	}
	if (fsutil_write_atomic(rx.state_path, rx.buf, len, 0600, durable) < 0)
		log_msg(LL_ERROR, "unable to write %s: %s", rx.state_path,
		    strerror(errno));
	/* Give the pages back: an idle respawnd keeps no copy resident. */
	madvise(rx.buf, (len + 4095) & ~(size_t)4095, MADV_DONTNEED);
}

static void
set_aside(const char *reason)
{
	char aside[4096];

	snprintf(aside, sizeof(aside), "%s.rejected", rx.state_path);
	log_msg(LL_ERROR, "state file %s cannot be trusted: %s: set aside as "
	    "%s", rx.state_path, reason, aside);
	if (rename(rx.state_path, aside) < 0 && errno != ENOENT)
		log_msg(LL_WARN, "unable to rename %s: %s", rx.state_path,
		    strerror(errno));
}

int
reexec_start(struct conf *conf, uint64_t now)
{
	const char *reason = "";
	bool reexec = rx.marker != MARK_NONE, crash = rx.marker == MARK_CRASH;
	struct proc_stat self;
	struct state st;
	size_t n;
	int rc;

	rx.state_path = strdup(conf->state_file);
	if (rx.state_path == NULL)
		return EXIT_FATAL;
	rc = take_lock(rx.state_path);
	if (rc != 0)
		return rc;
	if (proc_read_stat(getpid(), &self) == 0)
		rx.own_pstart = self.start_time;
	rc = statefile_read(rx.state_path, geteuid(), &st, &reason);
	if (rc == 0 && st.daemon.pid == getpid() &&
	    st.daemon.pstart == rx.own_pstart) {
		/* Our own table, from before our exec: adopt it. */
		if (sup_init(conf, &st, true, now) < 0)
			goto nomem;
		rx.crashes = st.daemon.crashes;
		rx.crash_since = st.daemon.crash_since;
		log_msg(LL_INFO, "re-executed%s: adopting %zu services from %s",
		    crash ? " after a crash" : "", st.nsvcs, rx.state_path);
		n = sup_adopt(&st, true, now);
		log_msg(LL_INFO, "re-exec complete: %zu processes adopted", n);
		if (st.daemon.give_up) {
			log_msg(LL_ERROR, "%u crashes within a minute: stopping "
			    "every service", st.daemon.crashes);
			sup_fail(now);
		}
		statefile_free(&st);
		loop_reap_now();
	} else if (reexec) {
		pid_t *children;

		if (rc == 0) {
			reason = "written by another process";
			statefile_free(&st);
		} else if (rc == 1) {
			reason = "missing";
		}
		log_msg(LL_ERROR, "state file %s cannot be trusted after a "
		    "re-exec: %s: stopping every child before starting",
		    rx.state_path, reason);
		if (sup_init(conf, NULL, false, now) < 0)
			goto nomem;
		n = list_children(&children);
		if (sup_purge(children, n, now) < 0)
			goto nomem;
		free(children);
	} else if (rc == 0) {
		log_msg(LL_INFO, "state file %s is left by respawnd pid %ld: "
		    "looking for its services", rx.state_path,
		    (long)st.daemon.pid);
		if (sup_init(conf, &st, false, now) < 0)
			goto nomem;
		sup_adopt(&st, false, now);
		statefile_free(&st);
	} else {
		if (rc < 0)
			set_aside(reason);
		if (sup_init(conf, NULL, false, now) < 0)
			goto nomem;
		sup_start_all(now);
	}
	if (map_buffer() < 0)
		goto nomem;
	install_crash_handlers();
	return 0;
nomem:
	log_msg(LL_ERROR, "unable to set up services: %s", strerror(errno));
	return EXIT_FATAL;
}

/* ---- SIGHUP ---- */

void
reexec_request(uint64_t now)
{
	(void)now;
	rx.requested = true;
}

static void
log_conf_error(void *arg, const char *file, int line, const char *message)
{
	(void)arg;
	if (line > 0)
		log_msg(LL_ERROR, "%s:%d: %s", file, line, message);
	else
		log_msg(LL_ERROR, "%s: %s", file, message);
}

/* Wait for our own child PID, at most TIMEOUT_MS; its status, or -1. */
static int
wait_child(pid_t pid, int timeout_ms)
{
	int status, fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, timeout_ms) <= 0)
			kill(pid, SIGKILL);
		close(fd);
	} else {
		for (int waited = 0; waited < timeout_ms; waited++) {
			struct timespec ms = { 0, 1000 * 1000 };

			if (waitpid(pid, &status, WNOHANG) == pid)
				return status;
			nanosleep(&ms, NULL);
		}
		kill(pid, SIGKILL);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* Is the file at our program path still the binary we run? */
static bool
same_binary(void)
{
	struct stat now;

	return stat(rx.self, &now) == 0 && now.st_dev == rx.self_stat.st_dev &&
	    now.st_ino == rx.self_stat.st_ino &&
	    now.st_size == rx.self_stat.st_size &&
	    now.st_mtim.tv_sec == rx.self_stat.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == rx.self_stat.st_mtim.tv_nsec &&
	    now.st_ctim.tv_sec == rx.self_stat.st_ctim.tv_sec &&
	    now.st_ctim.tv_nsec == rx.self_stat.st_ctim.tv_nsec;
}

/*
 * Does the binary we are about to exec accept the configuration? When it
 * is the one running now, our own check just said so; a new one (an
 * upgrade) must show it can start at all before we bet the services on
 * it.
 */
static bool
new_binary_works(void)
{
	size_t argc = 0;
	char **argv;
	struct spawn_req req = { 0 };
	struct spawn_error err;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC), status;
	pid_t pid;

	if (same_binary())
		return true;
	log_msg(LL_INFO, "%s is a new binary: checking it", rx.self);
	while (rx.argv[argc] != NULL)
		argc++;
	argv = calloc(argc + 2, sizeof(char *));
	if (argv == NULL || null < 0) {
		free(argv);
		if (null >= 0)
			close(null);
		return false;
	}
	argv[0] = rx.self;
	argv[1] = "--check";
	memcpy(argv + 2, rx.argv + 1, (argc - 1) * sizeof(char *));
	req.file = rx.self;
	req.argv = argv;
	req.envp = environ;
	req.new_session = true;
	req.fds[0] = null;
	req.fds[1] = null;
	req.fds[2] = STDERR_FILENO;
	req.tty_fd = -1;
	req.reset_signals = loop_changed_signals(&req.nreset);
	pid = spawn(&req, &err);
	close(null);
	free(argv);
	if (pid < 0) {
		log_msg(LL_ERROR, "unable to run %s --check: %s", rx.self,
		    strerror(errno));
		return false;
	}
	status = wait_child(pid, CHECK_TIMEOUT_MS);
	if (err.step != STEP_NONE) {
		log_msg(LL_ERROR, "unable to %s %s: %s",
		    spawn_step_name(err.step), rx.self, strerror(err.err));
		return false;
	}
	if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		log_msg(LL_ERROR, "%s --check failed (%s %d)", rx.self,
		    status >= 0 && WIFEXITED(status) ? "exit status" : "signal",
		    status < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) :
		    WTERMSIG(status));
		return false;
	}
	return true;
}

static void
reexec_now(void)
{
	struct conf_opts opts = rx.opts;
	struct conf *next;
	sigset_t block, saved;
	size_t len;
	char *path;

	if (sup_shutting_down()) {
		log_msg(LL_INFO, "SIGHUP ignored: shutting down");
		return;
	}
	log_msg(LL_INFO, "SIGHUP: checking %s", rx.conf_path != NULL ?
	    rx.conf_path : "the command line");
	opts.report = log_conf_error;
	opts.environ = environ;
	next = conf_load(rx.conf_path, &opts);
	if (next == NULL) {
		log_msg(LL_ERROR, "configuration has errors: carrying on "
		    "unchanged");
		return;
	}
	path = strdup(next->state_file);
	conf_free(next);
	if (path == NULL || !new_binary_works()) {
		free(path);
		log_msg(LL_ERROR, "not re-executing: carrying on unchanged");
		return;
	}
	/* The new image reads the state file its configuration names. */
	len = pack(false);
	if (len == 0 || fsutil_write_atomic(path, rx.buf, len, 0600,
	    true) < 0) {
		log_msg(LL_ERROR, "unable to write %s: %s: not re-executing",
		    path, len == 0 ? "the table did not fit" :
		    strerror(errno));
		free(path);
		return;
	}
	if (rx.test_corrupt) {
		/* The purge test's fault: a state file the new image rejects. */
		int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

		if (fd >= 0) {
			(void)!write(fd, "x", 1);
			close(fd);
		}
	}
	free(path);
	log_msg(LL_INFO, "re-executing %s", rx.self);
	outlog_cloexec_all(false);
	fsutil_cloexec(rx.lock_fd, false);
	setenv(MARKER, "hup", 1);
	/* Signals wait, blocked, for the new image; none is lost. */
	sigfillset(&block);
	sigprocmask(SIG_BLOCK, &block, &saved);
	execve(rx.self, rx.argv, environ);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	log_msg(LL_ERROR, "unable to exec %s: %s: carrying on", rx.self,
	    strerror(errno));
	unsetenv(MARKER);
	outlog_cloexec_all(true);
	fsutil_cloexec(rx.lock_fd, true);
}

void
reexec_before_sleep(uint64_t now)
{
	(void)now;
	if (rx.buf == NULL)
		return;
	if (rx.requested) {
		rx.requested = false;
		reexec_now();
	}
	/* After the spawns, so it never delays a respawn. */
	if (!sup_spawn_pending() && sup_take_dirty())
		write_state(false);
}

void
reexec_cleanup(void)
{
	char path[4096];

	if (rx.state_path == NULL)
		return;
	if (unlink(rx.state_path) < 0 && errno != ENOENT)
		log_msg(LL_WARN, "unable to remove %s: %s", rx.state_path,
		    strerror(errno));
	snprintf(path, sizeof(path), "%s.lock", rx.state_path);
	unlink(path);
}
