/*
 * sup.h: the supervisor: the service table, the spawn queue, the timer
 * wheel, shutdown and status. Everything that happens to services goes
 * through here; the event loop only reports events.
 */
#ifndef RESPAWND_SUP_H
#define RESPAWND_SUP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "svc.h"

struct state;

/*
 * Take CONF and build the table, relays included. ST (or NULL) is what
 * an earlier image left: its removed services get stand-ins so they can
 * be stopped, and with ADOPT_FDS (our own exec) its output pipes are
 * taken over. Returns 0, or -1 with errno.
 */
int
sup_init(struct conf *conf, const struct state *st, bool adopt_fds,
    uint64_t now);

/* Queue every stopped service that has no process. */
void
sup_start_all(uint64_t now);

/*
 * Take over what ST records. SAME_PROCESS (a re-exec): adopt each pid
 * that is still our child with its recorded start time, restore counters,
 * timers and stops in progress, then stop removed services, restart
 * changed ones and start new ones. Otherwise (a fresh start after an
 * unclean death): supervise, through a pidfd, each recorded process that
 * still runs with its recorded start time and command line, and start
 * the rest. Returns how many processes it took over.
 */
size_t
sup_adopt(const struct state *st, bool same_process, uint64_t now);

/* Stop CHILDREN (our children, of no known service: SIGTERM, SIGKILL
 * after 10 s), then start every service. Returns 0 or -1 (ENOMEM). */
int
sup_purge(const pid_t *children, size_t n, uint64_t now);

/* Whether the table changed since the last call, and it is time to write
 * it down (20 ms after the first change: the wheel wakes us then). */
bool
sup_take_dirty(void);

/* The main service's last wait status, -1: none. */
int
sup_main_status(void);

/* Shut down and exit 1 (a crash loop). */
void
sup_fail(uint64_t now);

bool
sup_shutting_down(void);

/* A child was reaped: a service's, or an orphan's. */
void
sup_reaped(pid_t pid, int status, uint64_t now);

/* Carry out every wheel deadline due at NOW. */
void
sup_timers(uint64_t now);

/* Spawn from the queue, at most max_parallel_starts (0: all). */
void
sup_spawn_some(uint64_t now);

bool
sup_spawn_pending(void);

/* The earliest wheel deadline, or WHEEL_NONE. */
uint64_t
sup_next_deadline(void);

/* SIGTERM or SIGINT: the first begins a shutdown, the next kills. */
void
sup_shutdown(int signo, uint64_t now);

bool
sup_finished(void);

/* 0, or the main service's status (128 + N for signal N). */
int
sup_exit_status(void);

/* SIGUSR1: one line per service. */
void
sup_log_status(uint64_t now);

/* Pass SIGNO to the main service, if it runs. Returns whether it did. */
bool
sup_signal_main(int signo);

/* Whether there is a main service at all. */
bool
sup_has_main(void);

const struct conf *
sup_conf(void);

/* The table, for the state file. */
struct svc *
sup_services(size_t *count);

/* The exit of respawnd itself: drain output, remove the pid file. */
void
sup_cleanup(void);

#endif
