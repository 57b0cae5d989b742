/*
 * backoff.h: how long to wait before the next run of a service, pure.
 *
 * A streak is the restarts since the last run that lasted stable_after.
 * The first restart of a streak waits delay_ms, each further one
 * factor times the previous, never more than delay_max_ms. After
 * max_restarts restarts in one streak (max_restarts + 1 runs) the service
 * is given up; 0 means never.
 */
#ifndef RESPAWND_BACKOFF_H
#define RESPAWND_BACKOFF_H

#include <stdbool.h>
#include <stdint.h>

struct backoff_policy {
	uint64_t delay_ms;
	uint64_t delay_max_ms;
	uint64_t stable_after_ms;
	unsigned factor;
	unsigned max_restarts;
};

struct backoff_step {
	bool give_up;
	uint64_t delay_ms;	/* before the next run, unless give_up */
	unsigned streak;	/* the streak after this exit */
};

/*
 * The step after a run of RAN_MS that ended with STREAK restarts so far.
 * Cannot fail.
 */
struct backoff_step
backoff_next(const struct backoff_policy *policy, unsigned streak,
    uint64_t ran_ms);

/* The delay of restart number N (0 = the first) of a streak. */
uint64_t
backoff_delay(const struct backoff_policy *policy, unsigned n);

#endif
