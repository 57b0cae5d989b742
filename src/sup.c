/*
 * sup.c: the supervisor. Owns the service table (built at start, never
 * moved while it runs), the pid index, the spawn queue and the timer
 * wheel, and carries out what svc.c decides: spawning, signalling,
 * arming timers, logging. It never blocks and never exits the process;
 * it only says when it has finished.
 *
 * A pid is signalled only while it is in the table: the table learns a
 * pid from spawn() and forgets it when libev reaps it, and nothing else
 * reaps, so a pid in the table is our child, alive or a zombie, never a
 * stranger that reused the number. A service's process group outlives
 * its leader only while some member is alive, and the kernel hands out
 * no pid that is still a group's id, so the group is signalled only
 * between the leader's exit and the moment it is found empty.
 */
#include "sup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "loop.h"
#include "outlog.h"
#include "proc.h"
#include "spawn.h"
#include "statefile.h"
#include "wheel.h"

extern char **environ;

/* After the last SIGKILL, how long respawnd waits for the dead. */
#define FINAL_GRACE_MS	1000
/* Unknown children get SIGTERM, then SIGKILL this much later. */
#define PURGE_TIMEOUT_MS	10000
/* The state file follows the table this much later: a burst of exits is
 * one write, and no write ever delays a respawn. */
#define STATE_DELAY_MS		20

static struct {
	struct conf *conf;
	struct svc *svcs;		/* sorted by priority, then file order */
	size_t nsvcs;
	struct svc **pid_index;
	size_t pid_mask;
	struct svc *queue_head, *queue_tail;
	struct wheel wheel;
	struct wheel_entry shutdown_timer;
	int devnull;
	bool shutting_down;
	bool killing;			/* SIGKILL sent to everything */
	bool finished;
	bool all_started;		/* the first start has been done */
	bool pid_file_written;
	size_t draining;		/* services waiting for an empty group */
	struct svc *main;
	int main_status;		/* wait status, -1: none yet */
	int exit_override;		/* -1, or respawnd's own exit status */
	bool dirty;			/* the table changed: rewrite the state */
	struct wheel_entry state_timer;	/* when to, at the latest */
	struct svc_conf *removed;	/* stand-ins for removed services */
	size_t nremoved;
	pid_t *purge;			/* unknown children being stopped */
	size_t npurge;
	struct wheel_entry purge_timer;
	int purge_signal;
} sup = { .devnull = -1, .main_status = -1, .exit_override = -1 };

static void
apply(struct svc *s, struct svc_action a, uint64_t now);

static void
mark_dirty(uint64_t now)
{
	if (sup.dirty)
		return;
	sup.dirty = true;
	wheel_add(&sup.wheel, &sup.state_timer, now + STATE_DELAY_MS);
}

/* ---- pid index: a hash of chains through the records ---- */

static size_t
pid_slot(pid_t pid)
{
	return (size_t)pid & sup.pid_mask;
}

static void
pid_add(struct svc *s)
{
	struct svc **head = &sup.pid_index[pid_slot(s->pid)];

	s->pid_next = *head;
	*head = s;
}

static struct svc *
pid_take(pid_t pid)
{
	for (struct svc **p = &sup.pid_index[pid_slot(pid)]; *p != NULL;
	    p = &(*p)->pid_next) {
		struct svc *s = *p;

		if (s->pid == pid) {
			*p = s->pid_next;
			s->pid_next = NULL;
			return s;
		}
	}
	return NULL;
}

/* ---- spawn queue: priority order, first come first served within ---- */

static void
enqueue(struct svc *s)
{
	struct svc *after = sup.queue_tail;

	if (s->queued)
		return;
	while (after != NULL && after->conf->priority > s->conf->priority)
		after = after->queue_prev;
	s->queue_prev = after;
	s->queue_next = after != NULL ? after->queue_next : sup.queue_head;
	if (s->queue_next != NULL)
		s->queue_next->queue_prev = s;
	else
		sup.queue_tail = s;
	if (after != NULL)
		after->queue_next = s;
	else
		sup.queue_head = s;
	s->queued = true;
}

static void
dequeue(struct svc *s)
{
	if (!s->queued)
		return;
	if (s->queue_prev != NULL)
		s->queue_prev->queue_next = s->queue_next;
	else
		sup.queue_head = s->queue_next;
	if (s->queue_next != NULL)
		s->queue_next->queue_prev = s->queue_prev;
	else
		sup.queue_tail = s->queue_prev;
	s->queue_next = s->queue_prev = NULL;
	s->queued = false;
}

/* ---- words for log lines ---- */

static const char *
duration_text(uint64_t ms, char *buf, size_t size)
{
	if (ms < 1000)
		snprintf(buf, size, "%llums", (unsigned long long)ms);
	else if (ms < 60 * 1000)
		snprintf(buf, size, "%llu.%llus", (unsigned long long)ms / 1000,
		    (unsigned long long)ms % 1000 / 100);
	else if (ms < 3600 * 1000)
		snprintf(buf, size, "%llum%llus",
		    (unsigned long long)ms / 60000,
		    (unsigned long long)ms / 1000 % 60);
	else
		snprintf(buf, size, "%lluh%llum",
		    (unsigned long long)ms / 3600000,
		    (unsigned long long)ms / 60000 % 60);
	return buf;
}

static const char *
status_text(int status, char *buf, size_t size)
{
	if (status == SVC_STATUS_UNKNOWN)
		snprintf(buf, size, "unknown (not our child)");
	else if (status < 0)
		snprintf(buf, size, "none");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d (%s)%s", WTERMSIG(status),
		    signal_name(WTERMSIG(status)),
		    WCOREDUMP(status) ? ", core dumped" : "");
	else
		snprintf(buf, size, "wait status %#x", (unsigned)status);
	return buf;
}

static int
exit_code_of(int status)
{
	if (status == SVC_STATUS_UNKNOWN)
		return EXIT_FAILURE;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}

/* ---- signals: only to what the table vouches for ---- */

static void
send_signal(struct svc *s, int signo)
{
	pid_t target = s->pgid != 0 ? -s->pgid : s->pid;

	if (target == 0)
		return;
	/*
	 * A survivor is not our child: its pid could be reused the moment it
	 * dies, so it is signalled through its pidfd, and its group only while
	 * the pidfd says the leader lives (and so holds the group id).
	 */
	if (s->foreign && (s->pidfd < 0 ||
	    syscall(SYS_pidfd_send_signal, s->pidfd, 0, NULL, 0) < 0))
		return;
	if (s->foreign && s->pgid == 0) {
		log_svc(LL_INFO, s->conf->name, "sending %s to pid %ld",
		    signal_name(signo), (long)s->pid);
		syscall(SYS_pidfd_send_signal, s->pidfd, signo, NULL, 0);
		return;
	}
	if (s->pid == 0)
		log_svc(LL_INFO, s->conf->name, "sending %s to what is left of "
		    "group %ld", signal_name(signo), (long)s->pgid);
	else
		log_svc(LL_INFO, s->conf->name, "sending %s to %s %ld",
		    signal_name(signo), s->pgid != 0 ? "group" : "pid",
		    (long)(s->pgid != 0 ? s->pgid : s->pid));
	if (kill(target, signo) < 0 && errno != ESRCH)
		log_svc(LL_WARN, s->conf->name, "unable to send %s: %s",
		    signal_name(signo), strerror(errno));
}

/* Is anything left in the group of S, whose leader is gone? */
static bool
group_alive(const struct svc *s)
{
	return s->pgid != 0 && kill(-s->pgid, 0) == 0;
}

/* ---- spawning ---- */

static int
output_fd(const struct output *o, const struct relay *r, int inherit)
{
	switch (o->kind) {
	case OUT_INHERIT:
		return inherit;
	case OUT_NULL:
		return sup.devnull;
	case OUT_FILE:
		return r != NULL ? outlog_service_fd(r) : sup.devnull;
	case OUT_STDOUT:
		break;
	}
	return -1;
}

/* ---- output relays: one pipe per destination, kept across runs ---- */

static bool
wants_file(const struct output *o)
{
	return o->kind == OUT_FILE;
}

/*
 * Make the relays match the configuration before a run: a pipe adopted
 * from an earlier image for a destination the configuration no longer
 * has goes now, its old run being over; a missing one is made.
 */
static int
reconcile_relays(struct svc *s)
{
	const struct svc_conf *c = s->conf;
	bool shared = s->err != NULL && s->err == s->out;

	if (s->out != NULL && !wants_file(&c->out)) {
		outlog_unref(s->out);
		if (shared)
			s->err = NULL;
		s->out = NULL;
		shared = false;
	}
	if (s->err != NULL && !wants_file(&c->err) &&
	    !(c->err.kind == OUT_STDOUT && shared)) {
		outlog_unref(s->err);
		s->err = NULL;
	}
	if (wants_file(&c->out) && s->out == NULL) {
		s->out = outlog_open(c->out.path, -1, -1);
		if (s->out == NULL)
			return -1;
	}
	if (c->err.kind == OUT_STDOUT && s->out != NULL && s->err == NULL) {
		s->err = s->out;
		outlog_ref(s->err);
	} else if (wants_file(&c->err) && s->err == NULL) {
		if (s->out != NULL && strcmp(c->err.path, c->out.path) == 0) {
			s->err = s->out;
			outlog_ref(s->err);
		} else {
			s->err = outlog_open(c->err.path, -1, -1);
			if (s->err == NULL)
				return -1;
		}
	}
	return 0;
}

/* Both ends of one pipe, left by an earlier image? */
static bool
is_pipe_pair(int r, int w)
{
	struct stat a, b;

	return fstat(r, &a) == 0 && fstat(w, &b) == 0 && S_ISFIFO(a.st_mode) &&
	    S_ISFIFO(b.st_mode) && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/* Take over the pipes a previous image held for S. */
static void
adopt_relays(struct svc *s, const struct state_svc *rec)
{
	const struct svc_conf *c = s->conf;

	if (rec->out_r >= 0 && is_pipe_pair(rec->out_r, rec->out_w))
		s->out = outlog_open(wants_file(&c->out) ? c->out.path :
		    rec->out_path, rec->out_r, rec->out_w);
	if (rec->err_r >= 0 && rec->err_r == rec->out_r && s->out != NULL) {
		s->err = s->out;
		outlog_ref(s->err);
	} else if (rec->err_r >= 0 && is_pipe_pair(rec->err_r, rec->err_w)) {
		s->err = outlog_open(wants_file(&c->err) ? c->err.path :
		    rec->err_path, rec->err_r, rec->err_w);
	}
}

static void
spawn_one(struct svc *s, uint64_t now)
{
	const struct svc_conf *c = s->conf;
	struct spawn_req req = {
		.file = c->exec_path != NULL ? c->exec_path : c->argv[0],
		.argv = c->argv,
		.envp = c->envp != NULL ? c->envp : environ,
		.search_path = c->search_path,
		.directory = c->directory,
		.new_session = !c->foreground,
		.new_group = c->foreground,
		.tty_fd = c->foreground && isatty(STDIN_FILENO) ?
		    STDIN_FILENO : -1,
		.set_umask = c->set_umask,
		.umask = c->umask,
		.set_groups = c->set_groups,
		.groups = c->groups,
		.ngroups = c->ngroups,
		.set_gid = c->set_gid,
		.gid = c->gid,
		.set_uid = c->set_uid,
		.uid = c->uid,
	};
	struct spawn_error err;
	pid_t pid;

	if (reconcile_relays(s) < 0) {
		log_svc(LL_WARN, c->name, "unable to create an output pipe: %s",
		    strerror(errno));
		apply(s, svc_spawn_failed(s, now), now);
		return;
	}
	req.reset_signals = loop_changed_signals(&req.nreset);
	/* The main service may talk to the terminal; the rest may not. */
	req.fds[0] = c->is_main ? STDIN_FILENO : sup.devnull;
	req.fds[1] = output_fd(&c->out, s->out, STDOUT_FILENO);
	req.fds[2] = c->err.kind == OUT_STDOUT ? req.fds[1] :
	    output_fd(&c->err, s->err, STDERR_FILENO);
	pid = spawn(&req, &err);
	if (pid < 0) {
		log_svc(LL_WARN, c->name, "unable to spawn %s: %s", c->argv[0],
		    strerror(errno));
		apply(s, svc_spawn_failed(s, now), now);
		return;
	}
	apply(s, svc_spawned(s, pid, now), now);
	pid_add(s);
	log_svc(LL_INFO, c->name, "started, pid %ld", (long)pid);
	if (err.step != STEP_NONE) {
		if (err.step == STEP_EXEC)
			log_svc(LL_WARN, c->name, "unable to exec %s: %s",
			    c->argv[0], strerror(err.err));
		else
			log_svc(LL_WARN, c->name, "unable to %s: %s",
			    spawn_step_name(err.step), strerror(err.err));
	}
}

/* ---- the pid file, once everything has been started ---- */

static void
write_pid_file(void)
{
	char text[32];
	int n;

	if (sup.conf->pid_file == NULL || sup.pid_file_written)
		return;
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (fsutil_write_atomic(sup.conf->pid_file, text, (size_t)n, 0644,
	    false) < 0)
		log_msg(LL_ERROR, "unable to write %s: %s", sup.conf->pid_file,
		    strerror(errno));
	else
		sup.pid_file_written = true;
}

/* ---- shutdown ---- */

static void
finish(void)
{
	sup.finished = true;
	wheel_cancel(&sup.wheel, &sup.shutdown_timer);
}

static void
kill_everything(uint64_t now)
{
	sup.killing = true;
	for (size_t i = 0; i < sup.nsvcs; i++) {
		struct svc *s = &sup.svcs[i];

		if (svc_active(s))
			apply(s, svc_kill(s), now);
	}
	wheel_cancel(&sup.wheel, &sup.shutdown_timer);
	wheel_add(&sup.wheel, &sup.shutdown_timer, now + FINAL_GRACE_MS);
}

/* Stop the highest priority level still up; finish when none is. */
static void
shutdown_step(uint64_t now)
{
	bool any = false;
	long level = 0;

	if (!sup.shutting_down || sup.finished)
		return;
	for (size_t i = 0; i < sup.nsvcs; i++) {
		const struct svc *s = &sup.svcs[i];

		if (svc_active(s) && (!any || s->conf->priority > level)) {
			level = s->conf->priority;
			any = true;
		}
	}
	if (!any) {
		log_msg(LL_INFO, "every service has stopped");
		finish();
		return;
	}
	for (size_t i = 0; i < sup.nsvcs; i++) {
		struct svc *s = &sup.svcs[i];

		if (s->conf->priority == level && s->state == SVC_RUNNING)
			apply(s, svc_stop(s, AFTER_STOP, 0), now);
	}
}

static void
main_gone(struct svc *s, uint64_t now)
{
	char text[64];

	if (s != sup.main || sup.shutting_down)
		return;
	log_svc(LL_INFO, s->conf->name, "main service ended (%s): stopping "
	    "the others", status_text(s->last_status, text, sizeof(text)));
	sup_shutdown(0, now);
}

/* ---- carrying out actions ---- */

static void
apply(struct svc *s, struct svc_action a, uint64_t now)
{
	char text[64];
	bool draining;

	mark_dirty(now);
	/* What svc.h leaves to us: timers and queue follow the state. */
	if (s->state != SVC_BACKOFF && s->state != SVC_STOPPING)
		wheel_cancel(&sup.wheel, &s->timer);
	if (s->state != SVC_STARTING)
		dequeue(s);
	switch (a.act) {
	case ACT_NONE:
		break;
	case ACT_QUEUE:
		if (a.respawn)
			log_svc(LL_INFO, s->conf->name, "restarting now "
			    "(restart %lu)", s->restarts + 1);
		enqueue(s);
		break;
	case ACT_WAIT:
		log_svc(LL_INFO, s->conf->name, "restarting in %s (restart %lu)",
		    duration_text(a.delay_ms, text, sizeof(text)), s->restarts + 1);
		wheel_add(&sup.wheel, &s->timer, now + a.delay_ms);
		break;
	case ACT_SIGNAL:
		send_signal(s, a.signo);
		wheel_add(&sup.wheel, &s->timer, now + a.delay_ms);
		break;
	case ACT_GIVE_UP:
		log_svc(LL_INFO, s->conf->name, "giving up after %u restarts "
		    "in a row: failed", s->streak);
		main_gone(s, now);
		break;
	case ACT_DONE:
		if (sup.shutting_down || s->signalled)
			log_svc(LL_INFO, s->conf->name, "stopped");
		else
			log_svc(LL_INFO, s->conf->name, "not restarting "
			    "(restart = %s)", s->conf->restart ==
			    RESTART_NEVER ? "never" : "on-failure");
		main_gone(s, now);
		break;
	}
	draining = s->state == SVC_STOPPING && s->pid == 0 && s->pgid != 0;
	if (draining != s->draining) {
		s->draining = draining;
		if (draining)
			sup.draining++;
		else
			sup.draining--;
	}
}

/* A service that was waiting for its group to empty, and it has. */
static void
check_drained(uint64_t now)
{
	for (size_t i = 0; i < sup.nsvcs && sup.draining > 0; i++) {
		struct svc *s = &sup.svcs[i];

		if (s->draining && !group_alive(s)) {
			log_svc(LL_DEBUG, s->conf->name, "group %ld is empty",
			    (long)s->pgid);
			apply(s, svc_drained(s), now);
		}
	}
}

/* ---- the interface ---- */

static int
by_priority(const void *a, const void *b)
{
	const struct svc_conf *x = *(const struct svc_conf *const *)a;
	const struct svc_conf *y = *(const struct svc_conf *const *)b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x < y ? -1 : x > y;	/* file order within a level */
}

/* A stand-in configuration for a service that is gone from the file but
 * still has processes: enough to stop them as the old one would have. */
static void
removed_conf(struct svc_conf *c, const struct state_svc *rec)
{
	memset(c, 0, sizeof(*c));
	c->name = strdup(rec->name);
	c->restart = RESTART_NEVER;
	c->stop_signal = rec->stop_signal;
	c->stop_timeout_ms = rec->stop_timeout_ms;
	c->kill_mode = rec->kill_mode;
	c->priority = rec->priority;
	c->backoff.delay_max_ms = 1;
	c->backoff.factor = 1;
	c->out.kind = c->err.kind = OUT_NULL;
}

int
sup_init(struct conf *conf, const struct state *st, bool adopt_fds,
    uint64_t now)
{
	const struct svc_conf **order;
	size_t buckets = 64, total;

	sup.conf = conf;
	wheel_init(&sup.wheel, now);
	wheel_entry_init(&sup.shutdown_timer);
	wheel_entry_init(&sup.purge_timer);
	wheel_entry_init(&sup.state_timer);
	sup.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (sup.devnull < 0)
		return -1;
	/* Services of the old table that the new file no longer has. */
	if (st != NULL && st->nsvcs > 0) {
		sup.removed = calloc(st->nsvcs, sizeof(*sup.removed));
		if (sup.removed == NULL)
			return -1;
		for (size_t i = 0; i < st->nsvcs; i++) {
			const struct state_svc *rec = &st->svcs[i];

			if (conf_find(conf, rec->name) != NULL ||
			    (rec->pid == 0 && rec->pgid == 0))
				continue;
			removed_conf(&sup.removed[sup.nremoved], rec);
			if (sup.removed[sup.nremoved].name == NULL)
				return -1;
			sup.nremoved++;
		}
	}
	total = conf->nsvcs + sup.nremoved;
	while (buckets < total * 2)
		buckets *= 2;
	sup.pid_index = calloc(buckets, sizeof(*sup.pid_index));
	sup.pid_mask = buckets - 1;
	sup.svcs = calloc(total + 1, sizeof(*sup.svcs));
	order = calloc(total + 1, sizeof(*order));
	if (sup.pid_index == NULL || sup.svcs == NULL || order == NULL) {
		free(order);
		return -1;
	}
	for (size_t i = 0; i < conf->nsvcs; i++)
		order[i] = &conf->svcs[i];
	for (size_t i = 0; i < sup.nremoved; i++)
		order[conf->nsvcs + i] = &sup.removed[i];
	qsort(order, total, sizeof(*order), by_priority);
	for (size_t i = 0; i < total; i++) {
		struct svc *s = &sup.svcs[i];
		const struct state_svc *rec = st != NULL ?
		    statefile_find(st, order[i]->name) : NULL;

		svc_init(s, order[i]);
		s->removed = order[i] >= sup.removed &&
		    order[i] < sup.removed + sup.nremoved;
		if (order[i]->is_main)
			sup.main = s;
		if (rec != NULL && adopt_fds)
			adopt_relays(s, rec);
		if (!s->removed && reconcile_relays(s) < 0) {
			log_svc(LL_ERROR, s->conf->name, "unable to create an "
			    "output pipe: %s", strerror(errno));
			free(order);
			return -1;
		}
		sup.nsvcs++;
	}
	free(order);
	return 0;
}

void
sup_start_all(uint64_t now)
{
	for (size_t i = 0; i < sup.nsvcs; i++) {
		struct svc *s = &sup.svcs[i];

		if (s->state == SVC_STOPPED && !svc_active(s) && !s->removed)
			apply(s, svc_start(s), now);
	}
}

/* ---- adoption of what an earlier image left ---- */

/* Is REC's process our child, the very one that was recorded? */
static bool
verify_child(const struct state_svc *rec)
{
	struct proc_stat ps;

	if (proc_read_stat(rec->pid, &ps) < 0 || ps.ppid != getpid())
		return false;
	/* Unknown only if the crash handler could not read it; then being
	 * our unreaped child is proof: its pid cannot have been reused. */
	return rec->pstart == 0 || ps.start_time == rec->pstart;
}

/* Is one of our children a member of process group PGID? */
static bool
group_has_our_child(pid_t pgid)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	bool found = false;

	if (dir == NULL)
		return false;
	while (!found && (d = readdir(dir)) != NULL) {
		struct proc_stat ps;
		long pid;

		if (parse_long(d->d_name, 2, STATEFILE_PID_MAX, &pid) < 0)
			continue;
		found = proc_read_stat((pid_t)pid, &ps) == 0 &&
		    ps.pgrp == pgid && ps.ppid == getpid();
	}
	closedir(dir);
	return found;
}

static uint64_t
cmdline_digest(pid_t pid)
{
	char buf[4096];
	ssize_t n = proc_read_cmdline(pid, buf, sizeof(buf));

	return n <= 0 ? 0 : fnv1a(FNV1A_INIT, buf, (size_t)n);
}

static void
on_foreign_exit(void *arg);

/*
 * Is REC's process a survivor of an earlier respawnd that died: alive,
 * with the recorded start time and command line? Then watch it.
 */
static bool
take_survivor(struct svc *s, const struct state_svc *rec)
{
	struct proc_stat ps;
	int fd;

	if (rec->pstart == 0 || rec->cmdline == 0 ||
	    proc_read_stat(rec->pid, &ps) < 0 || ps.state == 'Z' ||
	    ps.start_time != rec->pstart ||
	    cmdline_digest(rec->pid) != rec->cmdline)
		return false;
	fd = (int)syscall(SYS_pidfd_open, rec->pid, 0);
	/* The pidfd names this process even if its pid is reused later:
	 * check once more that it is the one we looked at. */
	if (fd >= 0 && (proc_read_stat(rec->pid, &ps) < 0 ||
	    ps.start_time != rec->pstart)) {
		close(fd);
		return false;
	}
	if (fd < 0) {
		log_svc(LL_ERROR, s->conf->name, "pid %ld of an earlier "
		    "respawnd still runs and cannot be watched (%s): left "
		    "alone, service not started", (long)rec->pid,
		    strerror(errno));
		s->state = SVC_FAILED;
		return true;
	}
	s->pidfd = fd;
	s->pidfd_watch = loop_fd_watch(fd, on_foreign_exit, s);
	s->foreign = true;
	s->pgid = ps.pgrp == rec->pid && rec->pgid != 0 ? rec->pid : 0;
	return true;
}

/*
 * Put REC back into S. Returns true when REC had a process that is gone
 * now (not our child, or no survivor): the caller treats it as an exit
 * of unknown status.
 */
static bool
restore(struct svc *s, const struct state_svc *rec, bool same_process)
{
	bool alive = false;

	s->streak = rec->streak;
	s->restarts = rec->restarts;
	s->last_status = rec->last_status;
	s->last_ran_ms = rec->last_ran_ms;
	s->definition = rec->definition;
	s->started_ms = rec->started_ms;
	if (rec->pid != 0) {
		alive = same_process ? verify_child(rec) :
		    take_survivor(s, rec);
		if (!alive)
			log_svc(LL_WARN, s->conf->name, "recorded pid %ld is not "
			    "%s: not adopted", (long)rec->pid, same_process ?
			    "our child" : "a survivor");
	}
	if (!same_process) {
		/* A fresh start: only a survivor carries over. */
		if (s->foreign) {
			s->state = SVC_RUNNING;
			s->pid = rec->pid;
			s->proc_start = rec->pstart;
			s->cmdline = rec->cmdline;
			log_svc(LL_INFO, s->conf->name, "pid %ld of an earlier "
			    "respawnd still runs: supervising it",
			    (long)rec->pid);
		}
		return false;
	}
	s->state = rec->state;
	s->signalled = rec->flags & STATE_SIGNALLED;
	s->killed = rec->flags & STATE_KILLED;
	s->respawning = rec->flags & STATE_RESPAWNING;
	s->after = rec->after;
	s->after_delay_ms = rec->after_delay_ms;
	s->pgid = rec->pgid;
	if (alive) {
		s->pid = rec->pid;
		s->proc_start = rec->pstart;
		s->cmdline = rec->cmdline;
		pid_add(s);
		log_svc(LL_DEBUG, s->conf->name, "adopted pid %ld (%s)",
		    (long)s->pid, svc_state_name(s->state));
	}
	switch (s->state) {
	case SVC_BACKOFF:
	case SVC_STOPPING:
		wheel_add(&sup.wheel, &s->timer, rec->deadline_ms);
		break;
	case SVC_STARTING:
		enqueue(s);
		break;
	default:
		break;
	}
	if (s->state == SVC_STOPPING && s->pid == 0 && rec->pid == 0) {
		/* Only a group one of our children is in is ours to signal. */
		if (s->pgid != 0 && group_has_our_child(s->pgid)) {
			s->draining = true;
			sup.draining++;
		} else {
			s->pgid = 0;
		}
	}
	return rec->pid != 0 && !alive;
}

size_t
sup_adopt(const struct state *st, bool same_process, uint64_t now)
{
	size_t adopted = 0;

	if (same_process && st->daemon.main_status != -1)
		sup.main_status = st->daemon.main_status;
	for (size_t i = 0; i < sup.nsvcs; i++) {
		struct svc *s = &sup.svcs[i];
		const struct state_svc *rec = statefile_find(st, s->conf->name);

		if (rec == NULL) {
			if (!s->removed)
				apply(s, svc_start(s), now);	/* new */
			continue;
		}
		if (restore(s, rec, same_process)) {
			/* Gone during the handover, status unknown. */
			s->pgid = 0;
			apply(s, svc_exited(s, SVC_STATUS_UNKNOWN, now, false,
			    false), now);
		}
		if (s->state == SVC_STOPPING && s->pid == 0 && s->pgid == 0)
			apply(s, svc_drained(s), now);
		if (s->removed) {
			apply(s, svc_stop(s, AFTER_REMOVE, 0), now);
			continue;
		}
		if (!same_process) {
			if (!s->foreign)
				apply(s, svc_start(s), now);
			continue;
		}
		if (s->definition != s->conf->digest) {
			log_svc(LL_INFO, s->conf->name, "definition changed: %s",
			    s->state == SVC_RUNNING || s->state ==
			    SVC_STOPPING ? "restarting" : "starting afresh");
			apply(s, svc_stop(s, AFTER_START, 0), now);
		}
	}
	/* Children that died during the handover are reaped next. */
	mark_dirty(now);
	for (size_t i = 0; i < sup.nsvcs; i++)
		adopted += sup.svcs[i].pid != 0;
	return adopted;
}

/* ---- survivors of an earlier respawnd: watched through a pidfd ---- */

static void
on_foreign_exit(void *arg)
{
	struct svc *s = arg;
	uint64_t now = loop_clock_ms();

	loop_fd_unwatch(s->pidfd_watch);
	s->pidfd_watch = NULL;
	close(s->pidfd);
	s->pidfd = -1;
	s->foreign = false;
	s->pgid = 0;		/* its leftovers are not ours to find */
	log_svc(LL_INFO, s->conf->name, "pid %ld exited (status unknown: it "
	    "was not our child)", (long)s->pid);
	if (s == sup.main)
		sup.main_status = SVC_STATUS_UNKNOWN;
	apply(s, svc_exited(s, SVC_STATUS_UNKNOWN, now, false,
	    sup.shutting_down), now);
	if (sup.shutting_down)
		shutdown_step(now);
}

/* ---- unknown children after an untrusted handover ---- */

static void
purge_done(uint64_t now)
{
	wheel_cancel(&sup.wheel, &sup.purge_timer);
	free(sup.purge);
	sup.purge = NULL;
	sup.npurge = 0;
	log_msg(LL_INFO, "every earlier child is gone: starting services");
	if (!sup.shutting_down)
		sup_start_all(now);
	else
		shutdown_step(now);
}

/* Was PID one of them? Then forget it. */
static bool
purge_reaped(pid_t pid, uint64_t now)
{
	for (size_t i = 0; i < sup.npurge; i++) {
		if (sup.purge[i] == pid) {
			sup.purge[i] = sup.purge[--sup.npurge];
			if (sup.npurge == 0)
				purge_done(now);
			return true;
		}
	}
	return false;
}

int
sup_purge(const pid_t *children, size_t n, uint64_t now)
{
	if (n == 0) {
		sup_start_all(now);
		return 0;
	}
	sup.purge = malloc(n * sizeof(*sup.purge));
	if (sup.purge == NULL)
		return -1;
	memcpy(sup.purge, children, n * sizeof(*children));
	sup.npurge = n;
	sup.purge_signal = SIGTERM;
	for (size_t i = 0; i < n; i++) {
		log_msg(LL_WARN, "stopping unknown child pid %ld before "
		    "starting services", (long)children[i]);
		kill(children[i], SIGTERM);
	}
	wheel_add(&sup.wheel, &sup.purge_timer, now + PURGE_TIMEOUT_MS);
	return 0;
}

void
sup_reaped(pid_t pid, int status, uint64_t now)
{
	struct svc *s = pid_take(pid);
	char text[64], ran[32];
	bool left;

	if (s == NULL) {
		if (sup.npurge > 0 && purge_reaped(pid, now))
			return;
		log_msg(LL_DEBUG, "reaped pid %ld (%s), not a service",
		    (long)pid, status_text(status, text, sizeof(text)));
		if (sup.draining > 0)
			check_drained(now);
		if (sup.shutting_down)
			shutdown_step(now);
		return;
	}
	duration_text(now - s->started_ms, ran, sizeof(ran));
	if (WIFSIGNALED(status))
		log_svc(LL_INFO, s->conf->name, "pid %ld killed by %s after %s",
		    (long)pid, status_text(status, text, sizeof(text)), ran);
	else
		log_svc(LL_INFO, s->conf->name, "pid %ld exited with status %d "
		    "after %s", (long)pid, WEXITSTATUS(status), ran);
	if (s == sup.main)
		sup.main_status = status;
	left = group_alive(s);
	apply(s, svc_exited(s, status, now, left, sup.shutting_down), now);
	if (s->state == SVC_STOPPING && s->pid == 0 && left)
		log_svc(LL_DEBUG, s->conf->name, "waiting for group %ld to "
		    "empty", (long)s->pgid);
	if (sup.draining > 0)
		check_drained(now);
	if (sup.shutting_down)
		shutdown_step(now);
}

void
sup_timers(uint64_t now)
{
	struct wheel_entry *e;

	while ((e = wheel_pop_due(&sup.wheel, now)) != NULL) {
		struct svc *s;

		if (e == &sup.shutdown_timer) {
			if (sup.killing) {
				log_msg(LL_WARN, "processes are still alive "
				    "after SIGKILL: exiting without them");
				finish();
				return;
			}
			log_msg(LL_WARN, "shutdown_timeout reached: killing "
			    "what is left");
			kill_everything(now);
			continue;
		}
		if (e == &sup.state_timer)
			continue;	/* a wakeup: sup_take_dirty() says yes now */
		if (e == &sup.purge_timer) {
			for (size_t i = 0; i < sup.npurge; i++) {
				log_msg(LL_WARN, "unknown child pid %ld still "
				    "runs: sending KILL", (long)sup.purge[i]);
				kill(sup.purge[i], SIGKILL);
			}
			continue;
		}
		s = (struct svc *)((char *)e - offsetof(struct svc, timer));
		if (s->state == SVC_STOPPING && s->pid == 0 && s->killed) {
			log_svc(LL_WARN, s->conf->name, "group %ld still has "
			    "processes after SIGKILL: going on without them",
			    (long)s->pgid);
		} else if (s->state == SVC_STOPPING) {
			char text[32];

			log_svc(LL_WARN, s->conf->name, "still running after "
			    "stop_timeout %s", duration_text(
			    s->conf->stop_timeout_ms, text, sizeof(text)));
		}
		apply(s, svc_timer(s), now);
		if (sup.draining > 0)
			check_drained(now);
		if (sup.shutting_down)
			shutdown_step(now);
	}
}

void
sup_spawn_some(uint64_t now)
{
	unsigned max = sup.conf->max_parallel_starts, n = 0;

	while (sup.queue_head != NULL && (max == 0 || n < max)) {
		struct svc *s = sup.queue_head;

		dequeue(s);
		spawn_one(s, now);
		n++;
	}
	if (sup.queue_head == NULL && !sup.all_started) {
		sup.all_started = true;
		write_pid_file();
	}
}

bool
sup_spawn_pending(void)
{
	return sup.queue_head != NULL;
}

uint64_t
sup_next_deadline(void)
{
	return wheel_next(&sup.wheel);
}

void
sup_shutdown(int signo, uint64_t now)
{
	if (sup.finished)
		return;
	if (sup.shutting_down) {
		if (signo != 0 && !sup.killing) {
			log_msg(LL_WARN, "second SIG%s: killing everything",
			    signal_name(signo));
			kill_everything(now);
		}
		return;
	}
	sup.shutting_down = true;
	if (signo != 0)
		log_msg(LL_INFO, "SIG%s: shutting down", signal_name(signo));
	wheel_add(&sup.wheel, &sup.shutdown_timer,
	    now + sup.conf->shutdown_timeout_ms);
	for (size_t i = 0; i < sup.nsvcs; i++) {
		struct svc *s = &sup.svcs[i];

		if (s->state == SVC_STARTING || s->state == SVC_BACKOFF)
			apply(s, svc_stop(s, AFTER_STOP, 0), now);
	}
	/* The main service gets the very signal respawnd got, at once. */
	if (signo != 0 && sup.main != NULL && sup.main->state == SVC_RUNNING)
		apply(sup.main, svc_stop(sup.main, AFTER_STOP, signo), now);
	shutdown_step(now);
}

bool
sup_finished(void)
{
	return sup.finished;
}

int
sup_exit_status(void)
{
	if (sup.exit_override >= 0)
		return sup.exit_override;
	if (sup.main == NULL || sup.main_status == -1)
		return EXIT_SUCCESS;
	return exit_code_of(sup.main_status);
}

void
sup_log_status(uint64_t now)
{
	for (size_t i = 0; i < sup.nsvcs; i++) {
		const struct svc *s = &sup.svcs[i];
		char up[32] = "-", last[64];

		if (s->pid != 0)
			duration_text(now - s->started_ms, up, sizeof(up));
		log_svc(LL_INFO, s->conf->name, "%s, pid %ld, up %s, %lu "
		    "restarts, last exit %s", svc_state_name(s->state),
		    (long)s->pid, up, s->restarts,
		    status_text(s->last_status, last, sizeof(last)));
	}
}

bool
sup_signal_main(int signo)
{
	struct svc *s = sup.main;

	if (s == NULL || s->pid == 0)
		return false;
	/* Its death by this signal is ours; by any other, not. */
	s->passed_signal = signo;
	log_svc(LL_DEBUG, s->conf->name, "passing on SIG%s",
	    signal_name(signo));
	/* To the process alone: it decides what its group hears. */
	if (kill(s->pid, signo) < 0)
		log_svc(LL_WARN, s->conf->name, "unable to pass on SIG%s: %s",
		    signal_name(signo), strerror(errno));
	return true;
}

bool
sup_has_main(void)
{
	return sup.main != NULL;
}

const struct conf *
sup_conf(void)
{
	return sup.conf;
}

struct svc *
sup_services(size_t *count)
{
	*count = sup.nsvcs;
	return sup.svcs;
}

void
sup_cleanup(void)
{
	outlog_drain_all();
	if (sup.pid_file_written && unlink(sup.conf->pid_file) < 0)
		log_msg(LL_WARN, "unable to remove %s: %s", sup.conf->pid_file,
		    strerror(errno));
}

bool
sup_take_dirty(void)
{
	if (!sup.dirty || wheel_entry_pending(&sup.state_timer))
		return false;
	sup.dirty = false;
	return true;
}

int
sup_main_status(void)
{
	return sup.main_status;
}

void
sup_fail(uint64_t now)
{
	/* With a main service, its status is the exit status, always. */
	if (sup.main == NULL)
		sup.exit_override = EXIT_FAILURE;
	sup_shutdown(0, now);
}

bool
sup_shutting_down(void)
{
	return sup.shutting_down;
}
