/*
 * svc.c: the service state machine of svc.h, pure. Each event is a
 * function; an event that cannot happen in a state changes nothing and
 * returns ACT_NONE, so a confused caller cannot corrupt a service.
 */
#include "svc.h"

#include <signal.h>
#include <sys/wait.h>

const char *const svc_state_names[SVC_NSTATES] = {
	[SVC_STOPPED] = "stopped",
	[SVC_STARTING] = "starting",
	[SVC_RUNNING] = "running",
	[SVC_BACKOFF] = "backoff",
	[SVC_STOPPING] = "stopping",
	[SVC_FAILED] = "failed",
};

static const struct svc_action none = { .act = ACT_NONE };

const char *
svc_state_name(enum svc_state state)
{
	return svc_state_names[state];
}

void
svc_init(struct svc *s, const struct svc_conf *conf)
{
	*s = (struct svc){
		.conf = conf,
		.state = SVC_STOPPED,
		.last_status = -1,
		.pidfd = -1,
	};
	wheel_entry_init(&s->timer);
}

bool
svc_active(const struct svc *s)
{
	return s->pid != 0 || s->pgid != 0;
}

bool
svc_restart_wanted(const struct svc *s, int status)
{
	if (status == SVC_STATUS_UNKNOWN)
		return s->conf->restart != RESTART_NEVER;
	switch (s->conf->restart) {
	case RESTART_ALWAYS:
		return true;
	case RESTART_NEVER:
		return false;
	case RESTART_ON_FAILURE:
		if (WIFEXITED(status))
			return !exit_codes_has(s->conf->success,
			    WEXITSTATUS(status));
		return !s->signalled && WTERMSIG(status) != s->passed_signal;
	}
	return false;
}

static struct svc_action
queue(struct svc *s, bool respawn)
{
	s->state = SVC_STARTING;
	return (struct svc_action){ .act = ACT_QUEUE, .respawn = respawn };
}

/* Carry out what the stop (or exit) was for. */
static struct svc_action
apply_after(struct svc *s)
{
	s->pid = 0;
	s->pgid = 0;
	s->killed = false;
	switch (s->after) {
	case AFTER_RESPAWN:
		s->respawning = true;
		if (s->after_delay_ms == 0)
			return queue(s, true);
		s->state = SVC_BACKOFF;
		return (struct svc_action){ .act = ACT_WAIT,
		    .delay_ms = s->after_delay_ms, .respawn = true };
	case AFTER_GIVE_UP:
		s->state = SVC_FAILED;
		return (struct svc_action){ .act = ACT_GIVE_UP };
	case AFTER_START:
		s->respawning = false;
		s->streak = 0;
		return queue(s, false);
	case AFTER_STOP:
	case AFTER_REMOVE:
		break;
	}
	s->state = SVC_STOPPED;
	return (struct svc_action){ .act = ACT_DONE };
}

struct svc_action
svc_start(struct svc *s)
{
	if (s->state != SVC_STOPPED && s->state != SVC_FAILED)
		return none;
	s->respawning = false;
	s->streak = 0;
	return queue(s, false);
}

struct svc_action
svc_spawned(struct svc *s, pid_t pid, uint64_t now)
{
	if (s->state != SVC_STARTING)
		return none;
	s->state = SVC_RUNNING;
	if (s->respawning)
		s->restarts++;
	s->respawning = false;
	s->pid = pid;
	s->proc_start = 0;	/* read later, off the spawn path */
	/* Known now: /proc shows it only once exec has got that far. */
	s->cmdline = s->conf->argv_digest;
	s->pgid = s->conf->kill_mode == KILL_GROUP || s->conf->foreground ?
	    pid : 0;
	s->started_ms = now;
	s->definition = s->conf->digest;
	s->signalled = false;
	s->passed_signal = 0;
	s->killed = false;
	return none;
}

struct svc_action
svc_exited(struct svc *s, int status, uint64_t now, bool group_left,
    bool shutting_down)
{
	uint64_t ran = now >= s->started_ms ? now - s->started_ms : 0;

	if (s->state != SVC_RUNNING && s->state != SVC_STARTING &&
	    s->state != SVC_STOPPING)
		return none;
	s->last_status = status;
	s->last_ran_ms = ran;
	s->pid = 0;
	if (s->state != SVC_STOPPING) {
		if (shutting_down || !svc_restart_wanted(s, status)) {
			s->after = AFTER_STOP;
		} else {
			struct backoff_step step = backoff_next(
			    &s->conf->backoff, s->streak, ran);

			s->streak = step.streak;
			s->after = step.give_up ? AFTER_GIVE_UP : AFTER_RESPAWN;
			s->after_delay_ms = step.delay_ms;
		}
		if (group_left && s->pgid != 0) {
			/* Leftovers are stopped as the service would be. */
			s->state = SVC_STOPPING;
			s->signalled = true;
			return (struct svc_action){ .act = ACT_SIGNAL,
			    .signo = s->conf->stop_signal,
			    .delay_ms = s->conf->stop_timeout_ms };
		}
		return apply_after(s);
	}
	/* Stopping: the signal went to the group; wait for what is left. */
	if (group_left && s->pgid != 0)
		return none;
	return apply_after(s);
}

struct svc_action
svc_spawn_failed(struct svc *s, uint64_t now)
{
	if (s->state != SVC_STARTING)
		return none;
	s->started_ms = now;
	s->signalled = false;
	return svc_exited(s, SVC_SPAWN_FAILED_STATUS, now, false, false);
}

struct svc_action
svc_drained(struct svc *s)
{
	if (s->state != SVC_STOPPING || s->pid != 0)
		return none;
	return apply_after(s);
}

struct svc_action
svc_timer(struct svc *s)
{
	switch (s->state) {
	case SVC_BACKOFF:
		return queue(s, false);	/* the delay was logged already */
	case SVC_STOPPING:
		if (s->killed && s->pid == 0)
			return apply_after(s);	/* the group is lost to us */
		s->killed = true;
		return (struct svc_action){ .act = ACT_SIGNAL, .signo = SIGKILL,
		    .delay_ms = s->conf->stop_timeout_ms };
	default:
		return none;
	}
}

struct svc_action
svc_stop(struct svc *s, enum svc_after after, int signo)
{
	switch (s->state) {
	case SVC_RUNNING:
		s->state = SVC_STOPPING;
		s->after = after;
		s->signalled = true;
		return (struct svc_action){ .act = ACT_SIGNAL,
		    .signo = signo != 0 ? signo : s->conf->stop_signal,
		    .delay_ms = s->conf->stop_timeout_ms };
	case SVC_STOPPING:
		/* Already on its way down: only what follows changes. */
		s->after = after;
		return none;
	case SVC_STARTING:
	case SVC_BACKOFF:
		s->after = after;
		return apply_after(s);
	case SVC_STOPPED:
	case SVC_FAILED:
		if (after == AFTER_STOP)
			return none;
		s->after = after;
		return apply_after(s);
	}
	return none;
}

struct svc_action
svc_kill(struct svc *s)
{
	if (s->state != SVC_RUNNING && s->state != SVC_STOPPING)
		return none;
	if (s->state == SVC_RUNNING)
		s->after = AFTER_STOP;
	s->state = SVC_STOPPING;
	s->signalled = true;
	s->killed = true;
	return (struct svc_action){ .act = ACT_SIGNAL, .signo = SIGKILL,
	    .delay_ms = s->conf->stop_timeout_ms };
}
