/*
 * backoff.c: the restart delay of a streak, pure: time comes in as the
 * length of the run that just ended, never from a clock.
 */
#include "backoff.h"

uint64_t
backoff_delay(const struct backoff_policy *policy, unsigned n)
{
	uint64_t delay = policy->delay_ms;

	if (delay >= policy->delay_max_ms)
		return policy->delay_max_ms;
	if (delay == 0)
		return 0;	/* however long the streak: no loop */
	/* Multiply step by step so the cap also stops any overflow. */
	for (unsigned i = 0; i < n && policy->factor > 1; i++) {
		if (delay > policy->delay_max_ms / policy->factor)
			return policy->delay_max_ms;
		delay *= policy->factor;
	}
	return delay < policy->delay_max_ms ? delay : policy->delay_max_ms;
}

struct backoff_step
backoff_next(const struct backoff_policy *policy, unsigned streak,
    uint64_t ran_ms)
{
	struct backoff_step step = { 0 };

	if (ran_ms >= policy->stable_after_ms)
		streak = 0;
	if (policy->max_restarts != 0 && streak >= policy->max_restarts) {
		step.give_up = true;
		step.streak = streak;
		return step;
	}
	step.delay_ms = backoff_delay(policy, streak);
	step.streak = streak < UINT32_MAX ? streak + 1 : streak;
	return step;
}
