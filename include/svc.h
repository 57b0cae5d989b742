/*
 * svc.h: one service's state machine, pure: (state, event, now) -> action.
 * It never forks, signals or reads a clock; sup.c carries its actions out.
 *
 *   state          event                  action                 next
 *   stopped,failed start                  queue (streak = 0)     starting
 *   backoff        timer                  queue                  starting
 *   starting       spawned                note pid, start time   running
 *   starting       spawn failed           as an exit, status 127 (below)
 *   starting,      exit, restart wanted,  wait the backoff delay backoff
 *   running          streak left            (0 ms: queue)         (starting)
 *                  exit, streak spent     give up                failed
 *                  exit, no restart       done                   stopped
 *                  exit, group left       stop signal to group   stopping
 *   running        stop                   stop signal, timeout   stopping
 *   starting,      stop                   what the stop is for   (after)
 *     backoff,
 *     stopped, failed
 *   stopping       exit (group empty)     what the stop was for  (after)
 *   stopping       drained                what the stop was for  (after)
 *   stopping       timer                  SIGKILL, timeout again stopping
 *   stopping       timer after SIGKILL,   give the group up      (after)
 *                    main gone
 *   running,       kill                   SIGKILL                stopping
 *     stopping
 *
 * The caller keeps the rest consistent: a service neither in backoff nor
 * stopping has no timer, and one not starting is in no spawn queue.
 *
 * "What the stop was for" (after) is one of: stay stopped, respawn after
 * a delay, give up (failed), start afresh (a changed definition), or go
 * away (a removed service). "Restart wanted": restart = always; or
 * on-failure and the status is not a success code, or a signal respawnd
 * did not send killed it; never during shutdown.
 */
#ifndef RESPAWND_SVC_H
#define RESPAWND_SVC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "wheel.h"

enum svc_state {
	SVC_STOPPED,
	SVC_STARTING,
	SVC_RUNNING,
	SVC_BACKOFF,
	SVC_STOPPING,
	SVC_FAILED,
};

#define SVC_NSTATES	(SVC_FAILED + 1)

/* "stopped", "starting", ...: as logs, status lines and state files say. */
extern const char *const svc_state_names[SVC_NSTATES];

enum svc_after {
	AFTER_STOP,
	AFTER_RESPAWN,
	AFTER_GIVE_UP,
	AFTER_START,
	AFTER_REMOVE,
};

enum svc_act {
	ACT_NONE,
	ACT_QUEUE,	/* join the spawn queue */
	ACT_WAIT,	/* arm the timer at now + delay_ms */
	ACT_SIGNAL,	/* send signo, arm the timer at now + delay_ms */
	ACT_GIVE_UP,	/* now failed */
	ACT_DONE,	/* now stopped (or to be removed: after) */
};

struct svc_action {
	enum svc_act act;
	int signo;
	uint64_t delay_ms;
	bool respawn;		/* ACT_QUEUE/ACT_WAIT of a restart */
};

/* The wait status of a run that could not even be forked. */
#define SVC_SPAWN_FAILED_STATUS	(127 << 8)
/* The "status" of a process that was not our child: nobody told us. */
#define SVC_STATUS_UNKNOWN	(-2)

struct relay;

struct svc {
	/* Pointers first, then by size: a thousand of these are resident. */
	const struct svc_conf *conf;
	struct svc *queue_next, *queue_prev;
	struct svc *pid_next;
	struct relay *out, *err;
	struct loop_fd *pidfd_watch;
	struct wheel_entry timer;
	uint64_t started_ms;	/* monotonic, this run */
	unsigned long long proc_start;	/* /proc/PID/stat field 22 */
	uint64_t definition;	/* digest of the conf that started this run */
	uint64_t cmdline;	/* digest of the argv this run was exec'd with */
	uint64_t last_ran_ms;
	uint64_t after_delay_ms;
	unsigned long restarts;	/* respawns since respawnd took it */
	enum svc_state state;
	enum svc_after after;	/* what the current stop is for */
	pid_t pid;		/* main process, 0 when none */
	pid_t pgid;		/* its group, 0 when none (kill_mode group) */
	int last_status;	/* wait status of the last exit, -1: none */
	int passed_signal;	/* the last signal passed on to this run */
	int pidfd;		/* foreign only: tells its exit */
	unsigned streak;
	bool respawning;	/* the next spawn is a respawn */
	bool signalled;		/* respawnd sent this run a stop signal */
	bool killed;		/* SIGKILL sent during this stop */
	bool queued;
	bool draining;		/* sup: stopping, waiting for an empty group */
	bool removed;		/* gone from the configuration */
	bool foreign;		/* a survivor of an earlier respawnd */
};

const char *
svc_state_name(enum svc_state state);

/* A stopped service for CONF. Cannot fail. */
void
svc_init(struct svc *s, const struct svc_conf *conf);

/* Whether an exit with STATUS is to be restarted (not during shutdown). */
bool
svc_restart_wanted(const struct svc *s, int status);

struct svc_action
svc_start(struct svc *s);

struct svc_action
svc_spawned(struct svc *s, pid_t pid, uint64_t now);

/* STATUS is a wait status; GROUP_LEFT: processes remain in its group;
 * SHUTTING_DOWN: no restart whatever the policy. */
struct svc_action
svc_exited(struct svc *s, int status, uint64_t now, bool group_left,
    bool shutting_down);

/* fork itself failed: an exit with SVC_SPAWN_FAILED_STATUS, run 0 ms. */
struct svc_action
svc_spawn_failed(struct svc *s, uint64_t now);

struct svc_action
svc_drained(struct svc *s);

struct svc_action
svc_timer(struct svc *s);

/* Stop for AFTER (AFTER_STOP, AFTER_START or AFTER_REMOVE), with SIGNO
 * (0: the service's stop_signal). */
struct svc_action
svc_stop(struct svc *s, enum svc_after after, int signo);

/* The second SIGTERM: SIGKILL now. */
struct svc_action
svc_kill(struct svc *s);

/* True while a process of the service may be alive. */
bool
svc_active(const struct svc *s);

#endif
