/*
 * reexec.h: SIGHUP's handover to a new image of respawnd, and the new
 * image's adoption of what the old one left.
 */
#ifndef RESPAWND_REEXEC_H
#define RESPAWND_REEXEC_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"

/* First thing at start: note and remove the marker an older image left
 * in the environment, before anything copies the environment. */
void
reexec_take_marker(void);

/* Remember how to exec again: ARGV as given, the options to load the
 * configuration (CONFIG, or NULL) again. Returns 0 or -1. */
int
reexec_setup(char **argv, const struct conf_opts *opts, const char *config);

/*
 * Lock the state file (EXIT_USAGE when another respawnd holds it), take
 * over what an earlier image left in it, build the table (sup_init) and
 * start what is to be started. Returns 0, or an exit status.
 */
int
reexec_start(struct conf *conf, uint64_t now);

/* At a clean exit: remove the state file and its lock. */
void
reexec_cleanup(void);

/* The test hook: abort() on SIGUSR1 (RESPAWND_TEST_ABORT_ON_USR1). */
bool
reexec_test_abort(void);

/* SIGHUP: a re-exec is wanted; it happens before the loop next sleeps,
 * so a storm of SIGHUPs makes one. */
void
reexec_request(uint64_t now);

/* Once per loop iteration: a wanted re-exec. */
void
reexec_before_sleep(uint64_t now);

#endif
