/*
 * check_backoff.c: the restart delays of SPEC.md (restart_delay,
 * restart_delay_max, backoff_factor, stable_after, max_restarts), with
 * the length of each run given, never measured.
 */
#include <limits.h>
#include <stdint.h>

#include "backoff.h"
#include "unit.h"

/* SPEC.md's defaults: 100ms, 30s, factor 2, 10s, never give up. */
static struct backoff_policy
policy(unsigned factor, unsigned max_restarts)
{
	return (struct backoff_policy){
		.delay_ms = 100,
		.delay_max_ms = 30000,
		.stable_after_ms = 10000,
		.factor = factor,
		.max_restarts = max_restarts,
	};
}

/* The delays of restarts 0.. of a streak: from backoff_delay() and from
 * a streak of short runs through backoff_next(). */
static void
sequence_is(const struct backoff_policy *p, const uint64_t *want, unsigned n)
{
	unsigned streak = 0;

	for (unsigned i = 0; i < n; i++) {
		struct backoff_step step;

		ck_assert_msg(backoff_delay(p, i) == want[i], "delay %u: %llu, "
		    "expected %llu", i, (unsigned long long)backoff_delay(p, i),
		    (unsigned long long)want[i]);
		step = backoff_next(p, streak, 0);
		ck_assert(!step.give_up);
		ck_assert_msg(step.delay_ms == want[i], "step %u: %llu, "
		    "expected %llu", i, (unsigned long long)step.delay_ms,
		    (unsigned long long)want[i]);
		ck_assert_uint_eq(step.streak, i + 1);
		streak = step.streak;
	}
}

START_TEST(factor_1_is_constant)
{
	struct backoff_policy p = policy(1, 0);
	static const uint64_t want[] = { 100, 100, 100, 100, 100, 100 };

	sequence_is(&p, want, 6);
	ck_assert_uint_eq(backoff_delay(&p, 1000000), 100);
}
END_TEST

START_TEST(factor_2_doubles_to_cap)
{
	struct backoff_policy p = policy(2, 0);
	static const uint64_t want[] = {
		100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000,
		30000, 30000,
	};

	sequence_is(&p, want, 12);
}
END_TEST

START_TEST(factor_10_to_cap)
{
	struct backoff_policy p = policy(10, 0);
	static const uint64_t want[] = { 100, 1000, 10000, 30000, 30000 };

	sequence_is(&p, want, 5);
}
END_TEST

START_TEST(factor_3_exact_cap)
{
	/* A product that lands exactly on the cap, then stays there. */
	struct backoff_policy p = policy(3, 0);
	static const uint64_t want[] = { 10, 30, 90, 270, 270, 270 };

	p.delay_ms = 10;
	p.delay_max_ms = 270;
	sequence_is(&p, want, 6);
}
END_TEST

START_TEST(delay_above_cap)
{
	struct backoff_policy p = policy(2, 0);
	static const uint64_t want[] = { 5000, 5000, 5000 };

	p.delay_ms = 60000;
	p.delay_max_ms = 5000;
	sequence_is(&p, want, 3);
	p.delay_ms = 5000;
	sequence_is(&p, want, 3);
}
END_TEST

START_TEST(zero_delay)
{
	struct backoff_policy p = policy(2, 0);
	static const uint64_t want[] = { 0, 0, 0, 0 };

	p.delay_ms = 0;
	sequence_is(&p, want, 4);
}
END_TEST

START_TEST(stable_run_resets_streak)
{
	struct backoff_policy p = policy(2, 0);
	struct backoff_step step;

	/* A run of exactly stable_after counts as stable. */
	step = backoff_next(&p, 5, 10000);
	ck_assert(!step.give_up);
	ck_assert_uint_eq(step.delay_ms, 100);
	ck_assert_uint_eq(step.streak, 1);
	step = backoff_next(&p, 5, 3600000);
	ck_assert_uint_eq(step.delay_ms, 100);
	ck_assert_uint_eq(step.streak, 1);
	/* One millisecond short extends the streak, whatever its status. */
	step = backoff_next(&p, 5, 9999);
	ck_assert(!step.give_up);
	ck_assert_uint_eq(step.delay_ms, 3200);
	ck_assert_uint_eq(step.streak, 6);
}
END_TEST

START_TEST(stable_run_saves_from_give_up)
{
	struct backoff_policy p = policy(2, 2);
	struct backoff_step step;

	step = backoff_next(&p, 2, 9999);
	ck_assert(step.give_up);
	step = backoff_next(&p, 2, 10000);
	ck_assert(!step.give_up);
	ck_assert_uint_eq(step.delay_ms, 100);
	ck_assert_uint_eq(step.streak, 1);
}
END_TEST

START_TEST(max_restarts_gives_up_at_run_n_plus_1)
{
	for (unsigned max = 1; max <= 5; max++) {
		struct backoff_policy p = policy(2, max);
		unsigned streak = 0, exits = 0;
		struct backoff_step step;

		/* Every run short: each exit extends the streak. */
		for (;;) {
			step = backoff_next(&p, streak, 50);
			exits++;
			if (step.give_up)
				break;
			ck_assert_uint_eq(step.delay_ms, 100ull << (exits - 1));
			streak = step.streak;
			ck_assert_uint_le(exits, max);
		}
		ck_assert_msg(exits == max + 1, "max_restarts %u: gave up at "
		    "exit %u", max, exits);
		ck_assert_uint_eq(step.streak, max);
	}
}
END_TEST

START_TEST(max_restarts_0_never_gives_up)
{
	struct backoff_policy p = policy(2, 0);
	unsigned streak = 0;

	for (unsigned i = 0; i < 10000; i++) {
		struct backoff_step step = backoff_next(&p, streak, 0);

		ck_assert(!step.give_up);
		streak = step.streak;
	}
	ck_assert_uint_eq(streak, 10000);
	ck_assert(!backoff_next(&p, UINT_MAX - 1, 0).give_up);
	ck_assert(!backoff_next(&p, UINT_MAX, 0).give_up);
}
END_TEST

START_TEST(huge_streak_no_overflow)
{
	struct backoff_step step;

	for (unsigned factor = 1; factor <= 10; factor++) {
		struct backoff_policy p = policy(factor, 0);
		uint64_t want = factor == 1 ? 100 : 30000;

		ck_assert_uint_eq(backoff_delay(&p, 64), want);
		ck_assert_uint_eq(backoff_delay(&p, 65), want);
		ck_assert_uint_eq(backoff_delay(&p, 1000), want);
		ck_assert_uint_eq(backoff_delay(&p, UINT_MAX), want);
	}
	/* A cap near the top of uint64_t: the products must not wrap. */
	struct backoff_policy big = policy(10, 0);
	big.delay_ms = UINT64_MAX / 4;
	big.delay_max_ms = UINT64_MAX - 1;
	ck_assert(backoff_delay(&big, 0) == UINT64_MAX / 4);
	ck_assert(backoff_delay(&big, 1) == UINT64_MAX - 1);
	ck_assert(backoff_delay(&big, 2) == UINT64_MAX - 1);
	ck_assert(backoff_delay(&big, UINT_MAX) == UINT64_MAX - 1);

	/* The streak itself saturates rather than wrapping to 0. */
	struct backoff_policy p = policy(2, 0);
	step = backoff_next(&p, UINT_MAX, 0);
	ck_assert_uint_eq(step.streak, UINT_MAX);
	ck_assert_uint_eq(step.delay_ms, 30000);
}
END_TEST

START_TEST(huge_streak_zero_delay_is_cheap)
{
	/*
	 * restart_delay = 0ms with a service that dies at once: the streak
	 * grows by one per exit, for ever (max_restarts 0). The delay of a
	 * huge streak must cost what a small one costs, not one
	 * multiplication per restart so far (4 billion here). The timeout of
	 * this test case, not a clock of ours, is the judge.
	 */
	struct backoff_policy p = policy(2, 0);
	struct backoff_step step;

	p.delay_ms = 0;
	ck_assert_uint_eq(backoff_delay(&p, UINT_MAX), 0);
	step = backoff_next(&p, UINT_MAX - 1, 0);
	ck_assert(!step.give_up);
	ck_assert_uint_eq(step.delay_ms, 0);
	ck_assert_uint_eq(step.streak, UINT_MAX);
}
END_TEST

Suite *
backoff_suite(void)
{
	Suite *s = suite_create("backoff");
	TCase *tc = tcase_create("backoff");

	tcase_add_test(tc, factor_1_is_constant);
	tcase_add_test(tc, factor_2_doubles_to_cap);
	tcase_add_test(tc, factor_10_to_cap);
	tcase_add_test(tc, factor_3_exact_cap);
	tcase_add_test(tc, delay_above_cap);
	tcase_add_test(tc, zero_delay);
	tcase_add_test(tc, stable_run_resets_streak);
	tcase_add_test(tc, stable_run_saves_from_give_up);
	tcase_add_test(tc, max_restarts_gives_up_at_run_n_plus_1);
	tcase_add_test(tc, max_restarts_0_never_gives_up);
	tcase_add_test(tc, huge_streak_no_overflow);
	suite_add_tcase(s, tc);
	/* A second apart: a loop over the streak takes seconds, a bounded
	 * computation microseconds. */
	tc = tcase_create("backoff-cost");
	tcase_set_timeout(tc, 1);
	tcase_add_test(tc, huge_streak_zero_delay_is_cheap);
	suite_add_tcase(s, tc);
	return s;
}
