/*
 * loop.h: the event loop, the one place that knows libev. Signals, child
 * exits, the timer wheel's deadline and readable relay pipes come in here
 * and go out as plain calls into sup.c, reexec.c and outlog.c.
 */
#ifndef RESPAWND_LOOP_H
#define RESPAWND_LOOP_H

#include <stdbool.h>
#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t
loop_clock_ms(void);

/* Create the loop and its watchers: signals, children (pid 0), the wheel
 * timer, the spawn hook. FORWARD lists the signals passed to the main
 * service; PASS_ALL (the "--" form) passes every catchable one but CHLD.
 * Returns 0 or -1 with errno. */
int
loop_init(const int *forward, int nforward, bool pass_all);

/* Run until sup has finished. */
void
loop_run(void);

/* The signals whose disposition respawnd changed: a child resets them. */
const int *
loop_changed_signals(int *count);

/* Watch FD for reading; CB(ARG) runs when it is readable. NULL with errno
 * on failure. */
struct loop_fd;

struct loop_fd *
loop_fd_watch(int fd, void (*cb)(void *arg), void *arg);

/* Stop and free W; NULL is allowed. */
void
loop_fd_unwatch(struct loop_fd *w);

/* Whether SIGNO is passed on to the main service. */
bool
loop_forwards(int signo);

/* From a signal handler (async-signal-safe): pass SIGNO on, from the
 * loop, at its next iteration. */
void
loop_forward_from_handler(int signo);

/* Unblock every signal the loop does not take through signalfd: what a
 * previous image blocked before its exec, once handlers are in place. */
void
loop_unblock_others(void);

/* Reap at the next iteration whatever died while nobody was looking (a
 * new image, after the exec). */
void
loop_reap_now(void);

#endif
