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

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "loop.h"
#include "outlog.h"
#include "spawn.h"
#include "wheel.h"

extern char **environ;

/* After the last SIGKILL, how long respawnd waits for the dead. */
#define FINAL_GRACE_MS	1000

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
} sup = { .devnull = -1, .main_status = -1 };

static void
apply(struct svc *s, struct svc_action a, uint64_t now);

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
	if (status < 0)
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
		wheel_cancel(&sup.wheel, &s->timer);
		wheel_add(&sup.wheel, &s->timer, now + a.delay_ms);
		break;
	case ACT_GIVE_UP:
		log_svc(LL_ERROR, s->conf->name, "giving up after %u restarts "
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

static int
open_relays(struct svc *s)
{
	const struct svc_conf *c = s->conf;

	if (c->out.kind == OUT_FILE) {
		s->out = outlog_open(c->out.path, -1, -1);
		if (s->out == NULL)
			return -1;
	}
	if (c->err.kind == OUT_STDOUT && s->out != NULL) {
		s->err = s->out;
		outlog_ref(s->err);
	} else if (c->err.kind == OUT_FILE) {
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

int
sup_init(struct conf *conf, uint64_t now)
{
	const struct svc_conf **order;
	size_t buckets = 64;

	sup.conf = conf;
	wheel_init(&sup.wheel, now);
	wheel_entry_init(&sup.shutdown_timer);
	sup.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (sup.devnull < 0)
		return -1;
	while (buckets < conf->nsvcs * 2)
		buckets *= 2;
	sup.pid_index = calloc(buckets, sizeof(*sup.pid_index));
	sup.pid_mask = buckets - 1;
	sup.svcs = calloc(conf->nsvcs + 1, sizeof(*sup.svcs));
	order = calloc(conf->nsvcs + 1, sizeof(*order));
	if (sup.pid_index == NULL || sup.svcs == NULL || order == NULL) {
		free(order);
		return -1;
	}
	for (size_t i = 0; i < conf->nsvcs; i++)
		order[i] = &conf->svcs[i];
	qsort(order, conf->nsvcs, sizeof(*order), by_priority);
	for (size_t i = 0; i < conf->nsvcs; i++) {
		struct svc *s = &sup.svcs[i];

		svc_init(s, order[i]);
		if (order[i]->is_main)
			sup.main = s;
		if (open_relays(s) < 0) {
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

		if (s->state == SVC_STOPPED && !svc_active(s))
			apply(s, svc_start(s), now);
	}
}

void
sup_reaped(pid_t pid, int status, uint64_t now)
{
	struct svc *s = pid_take(pid);
	char text[64], ran[32];
	bool left;

	if (s == NULL) {
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
	if (sup.main == NULL || sup.main_status < 0)
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
	s->signalled = true;
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
