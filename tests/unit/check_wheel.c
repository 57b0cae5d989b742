/*
 * check_wheel.c: the timer wheel against the plain truth: an entry comes
 * out exactly once, never before its deadline, earliest first, entries of
 * one deadline in the order they went in; wheel_next() is the minimum.
 * Deadlines are chosen to sit on each level and across level boundaries,
 * and a brute-force reference checks thousands of random timers. The
 * random numbers come from our own generator with a fixed seed, so a
 * failure repeats.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "wheel.h"

/* The time all four levels cover (wheel.h). */
#define WHEEL_SPAN	(UINT64_C(1) << 24)

/* xorshift64*: small, good enough, the same on every machine. */
static uint64_t rng_state;

static void
rng_seed(uint64_t seed)
{
	rng_state = seed != 0 ? seed : 1;
}

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static uint64_t
rng_below(uint64_t n)
{
	return n == 0 ? 0 : rng() % n;
}

/* A timer and what the reference knows of it. */
struct timer {
	struct wheel_entry e;
	uint64_t deadline;	/* effective: a past one becomes add time */
	uint64_t seq;		/* order of wheel_add() calls */
	bool pending;
};

#define TIMER_OF(p)	\
	((struct timer *)((char *)(p) - offsetof(struct timer, e)))

static uint64_t next_seq;

static void
timers_init(struct timer *t, size_t n)
{
	memset(t, 0, n * sizeof(*t));
	for (size_t i = 0; i < n; i++)
		wheel_entry_init(&t[i].e);
}

static void
add(struct wheel *w, struct timer *t, uint64_t deadline)
{
	wheel_add(w, &t->e, deadline);
	t->deadline = deadline < w->now ? w->now : deadline;
	t->seq = next_seq++;
	t->pending = true;
}

/* Pop one due entry and check it is T (NULL: none due). */
static void
pop_is(struct wheel *w, uint64_t now, const struct timer *t)
{
	struct wheel_entry *e = wheel_pop_due(w, now);

	if (t == NULL) {
		ck_assert_msg(e == NULL, "at %llu: an entry of %llu popped, "
		    "none expected", (unsigned long long)now,
		    (unsigned long long)(e != NULL ? e->deadline : 0));
		return;
	}
	ck_assert_msg(e != NULL, "at %llu: nothing popped, expected the entry "
	    "of %llu", (unsigned long long)now,
	    (unsigned long long)t->deadline);
	ck_assert_msg(e == &t->e, "at %llu: an entry of %llu popped, expected "
	    "the entry of %llu", (unsigned long long)now,
	    (unsigned long long)e->deadline, (unsigned long long)t->deadline);
	ck_assert(!wheel_entry_pending(e));
}

START_TEST(empty_wheel)
{
	struct wheel w;

	wheel_init(&w, 500);
	ck_assert(wheel_next(&w) == WHEEL_NONE);
	ck_assert_uint_eq(w.count, 0);
	ck_assert_ptr_null(wheel_pop_due(&w, 500));
	ck_assert_ptr_null(wheel_pop_due(&w, UINT64_C(1) << 40));
	ck_assert(wheel_next(&w) == WHEEL_NONE);
	ck_assert(w.now == UINT64_C(1) << 40);
}
END_TEST

START_TEST(entry_pending)
{
	struct wheel w;
	struct timer t[1];

	wheel_init(&w, 0);
	timers_init(t, 1);
	ck_assert(!wheel_entry_pending(&t[0].e));
	add(&w, &t[0], 10);
	ck_assert(wheel_entry_pending(&t[0].e));
	ck_assert_uint_eq(w.count, 1);
	pop_is(&w, 10, &t[0]);
	ck_assert(!wheel_entry_pending(&t[0].e));
	ck_assert_uint_eq(w.count, 0);
}
END_TEST

START_TEST(zero_ms_due_at_once)
{
	struct wheel w;
	struct timer t[1];

	wheel_init(&w, 12345);
	timers_init(t, 1);
	add(&w, &t[0], 12345);
	ck_assert_uint_eq(wheel_next(&w), 12345);
	pop_is(&w, 12345, &t[0]);
	pop_is(&w, 12345, NULL);
}
END_TEST

START_TEST(past_deadline_due_at_once)
{
	struct wheel w;
	struct timer t[3];

	wheel_init(&w, 100000);
	timers_init(t, 3);
	add(&w, &t[0], 99999);
	add(&w, &t[1], 0);
	add(&w, &t[2], 100000);
	/* Due now, not at the past time; in the order they were added. */
	ck_assert_uint_eq(wheel_next(&w), 100000);
	pop_is(&w, 100000, &t[0]);
	pop_is(&w, 100000, &t[1]);
	pop_is(&w, 100000, &t[2]);
	pop_is(&w, 100000, NULL);
}
END_TEST

START_TEST(levels_of_deadlines)
{
	/* With the clock at 0, where each deadline must sit (wheel.h). */
	static const struct {
		uint64_t deadline;
		unsigned level;
	} cases[] = {
		{ 0, 0 }, { 1, 0 }, { 63, 0 },
		{ 64, 1 }, { 4095, 1 },
		{ 4096, 2 }, { 262143, 2 },
		{ 262144, 3 }, { WHEEL_SPAN - 1, 3 },
		{ WHEEL_SPAN, WHEEL_LEVELS },
		{ UINT64_C(1) << 40, WHEEL_LEVELS },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct wheel w;
		struct timer t[1];

		wheel_init(&w, 0);
		timers_init(t, 1);
		add(&w, &t[0], cases[i].deadline);
		ck_assert_msg(t[0].e.level == cases[i].level, "deadline %llu "
		    "at level %u, expected %u",
		    (unsigned long long)cases[i].deadline, t[0].e.level,
		    cases[i].level);
	}
}
END_TEST

START_TEST(one_timer_per_level)
{
	/* Near (1..63 ms) and far: one per level, into overflow. Each is
	 * due exactly at its deadline, not a millisecond before, whether
	 * the clock creeps up to it or jumps. */
	static const uint64_t offsets[] = {
		1, 2, 63, 64, 65, 100, 4095, 4096, 4097, 262143, 262144,
		262145, 3600000, WHEEL_SPAN - 1, WHEEL_SPAN, WHEEL_SPAN + 1,
		3 * WHEEL_SPAN + 17, UINT64_C(1) << 40,
	};
	static const uint64_t starts[] = { 0, 1, 63, 64, 4095, 777777,
	    WHEEL_SPAN - 1, 5 * WHEEL_SPAN + 4321 };

	for (size_t s = 0; s < sizeof(starts) / sizeof(starts[0]); s++) {
		for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]);
		    i++) {
			struct wheel w;
			struct timer t[1];
			uint64_t d = starts[s] + offsets[i];

			wheel_init(&w, starts[s]);
			timers_init(t, 1);
			add(&w, &t[0], d);
			ck_assert_uint_eq(wheel_next(&w), d);
			/* Jump to just before it, then step to it. */
			pop_is(&w, d - 1, NULL);
			ck_assert_uint_eq(wheel_next(&w), d);
			ck_assert_uint_eq(w.count, 1);
			pop_is(&w, d, &t[0]);
			pop_is(&w, d, NULL);
			ck_assert(wheel_next(&w) == WHEEL_NONE);
			ck_assert_uint_eq(w.count, 0);
		}
	}
}
END_TEST

START_TEST(creeping_clock)
{
	/* The clock moving 1 ms at a time across a level-2 boundary with
	 * entries on levels 0, 1 and 2 waiting. */
	struct wheel w;
	struct timer t[4];
	static const uint64_t deadlines[] = { 4090, 4096, 4160, 8191 };
	size_t next = 0;

	wheel_init(&w, 4000);
	timers_init(t, 4);
	for (size_t i = 0; i < 4; i++)
		add(&w, &t[i], deadlines[i]);
	for (uint64_t now = 4000; now <= 8200; now++) {
		struct wheel_entry *e;

		while ((e = wheel_pop_due(&w, now)) != NULL) {
			ck_assert_uint_lt(next, 4);
			ck_assert_ptr_eq(e, &t[next].e);
			ck_assert_uint_eq(deadlines[next], now);
			next++;
		}
		ck_assert_uint_eq(wheel_next(&w),
		    next < 4 ? deadlines[next] : WHEEL_NONE);
	}
	ck_assert_uint_eq(next, 4);
}
END_TEST

START_TEST(ordering_random_insertion)
{
	/* 1000 distinct deadlines over every level, added shuffled. */
	enum { N = 1000 };
	static struct timer t[N];
	struct wheel w;
	size_t order[N];

	rng_seed(42);
	wheel_init(&w, 1000);
	timers_init(t, N);
	for (size_t i = 0; i < N; i++)
		order[i] = i;
	for (size_t i = N - 1; i > 0; i--) {
		size_t j = (size_t)rng_below(i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	/* Timer i is due at 1000 + i^3, spanning 0 ms to about 2^30 ms. */
	for (size_t k = 0; k < N; k++) {
		uint64_t i = order[k];

		add(&w, &t[i], 1000 + i * i * i);
	}
	ck_assert_uint_eq(w.count, N);
	for (size_t i = 0; i < N; i++) {
		ck_assert_uint_eq(wheel_next(&w), t[i].deadline);
		pop_is(&w, UINT64_C(1) << 40, &t[i]);
	}
	pop_is(&w, UINT64_C(1) << 40, NULL);
	ck_assert_uint_eq(w.count, 0);
}
END_TEST

START_TEST(ties_in_insertion_order)
{
	/* Entries of one deadline, added while the clock moves towards it,
	 * so they were first placed on different levels. */
	struct wheel w;
	struct timer t[6];
	uint64_t d = 300000;

	wheel_init(&w, 0);
	timers_init(t, 6);
	add(&w, &t[0], d);		/* level 3 */
	pop_is(&w, 270000, NULL);
	add(&w, &t[1], d);		/* level 2 */
	pop_is(&w, 299990, NULL);
	add(&w, &t[2], d);		/* level 0 */
	add(&w, &t[3], d);
	add(&w, &t[4], d - 5);	/* earlier than all */
	add(&w, &t[5], d);
	ck_assert_uint_eq(wheel_next(&w), d - 5);
	pop_is(&w, d + 1000, &t[4]);
	pop_is(&w, d + 1000, &t[0]);
	pop_is(&w, d + 1000, &t[1]);
	pop_is(&w, d + 1000, &t[2]);
	pop_is(&w, d + 1000, &t[3]);
	pop_is(&w, d + 1000, &t[5]);
	pop_is(&w, d + 1000, NULL);
}
END_TEST

START_TEST(ties_far_in_overflow)
{
	enum { N = 50 };
	struct timer t[N];
	struct wheel w;
	uint64_t d = 7 * WHEEL_SPAN + 12345;

	wheel_init(&w, 10);
	timers_init(t, N);
	for (size_t i = 0; i < N; i++)
		add(&w, &t[i], d);
	pop_is(&w, d - 1, NULL);
	for (size_t i = 0; i < N; i++)
		pop_is(&w, d, &t[i]);
	pop_is(&w, d, NULL);
}
END_TEST

START_TEST(cancel_first_middle_last)
{
	/* Three lists: one slot of level 0 (one deadline), one slot of
	 * level 1 (deadlines 64 to 127) and the overflow. */
	static const uint64_t bases[] = { 10, 64, 2 * WHEEL_SPAN };

	for (size_t b = 0; b < 3; b++) {
		for (int victim = 0; victim < 5; victim++) {
			struct wheel w;
			struct timer t[5];

			wheel_init(&w, 0);
			timers_init(t, 5);
			for (int i = 0; i < 5; i++)
				add(&w, &t[i], bases[b] + (b == 0 ? 0 :
				    (uint64_t)(4 - i)));
			wheel_cancel(&w, &t[victim].e);
			ck_assert(!wheel_entry_pending(&t[victim].e));
			ck_assert_uint_eq(w.count, 4);
			/* The rest in order, the victim never. */
			for (int k = 0; k < 5; k++) {
				int i = b == 0 ? k : 4 - k;

				if (i == victim)
					continue;
				ck_assert_uint_eq(wheel_next(&w),
				    t[i].deadline);
				pop_is(&w, UINT64_C(1) << 50, &t[i]);
			}
			pop_is(&w, UINT64_C(1) << 50, NULL);
			ck_assert_uint_eq(w.count, 0);
		}
	}
}
END_TEST

START_TEST(cancel_then_add_again)
{
	struct wheel w;
	struct timer t[2];

	wheel_init(&w, 0);
	timers_init(t, 2);
	add(&w, &t[0], 5000);
	add(&w, &t[1], 6000);
	wheel_cancel(&w, &t[0].e);
	ck_assert_uint_eq(wheel_next(&w), 6000);
	add(&w, &t[0], 7000);
	ck_assert_uint_eq(wheel_next(&w), 6000);
	pop_is(&w, 6999, &t[1]);
	pop_is(&w, 6999, NULL);
	pop_is(&w, 7000, &t[0]);
	/* The only entry of its slot and level: the slot must read empty. */
	add(&w, &t[0], 9000);
	wheel_cancel(&w, &t[0].e);
	ck_assert(wheel_next(&w) == WHEEL_NONE);
	ck_assert_uint_eq(w.occupied[0] | w.occupied[1] | w.occupied[2] |
	    w.occupied[3], 0);
}
END_TEST

/* A service's one timer goes from its stop timeout to its restart delay:
 * adding a queued entry moves it, it is never linked twice. */
START_TEST(add_pending_moves_it)
{
	struct wheel w;
	struct timer t[2];

	wheel_init(&w, 0);
	timers_init(t, 2);
	add(&w, &t[0], 10000);
	add(&w, &t[1], 20000);
	add(&w, &t[0], 30);
	ck_assert_uint_eq(w.count, 2);
	ck_assert_uint_eq(wheel_next(&w), 30);
	add(&w, &t[0], 25000);
	ck_assert_uint_eq(w.count, 2);
	ck_assert_uint_eq(wheel_next(&w), 20000);
	pop_is(&w, 30000, &t[1]);
	pop_is(&w, 30000, &t[0]);
	pop_is(&w, 30000, NULL);
	ck_assert_uint_eq(w.count, 0);
}
END_TEST

START_TEST(cancel_not_pending_is_noop)
{
	struct wheel w;
	struct timer t[3];

	wheel_init(&w, 0);
	timers_init(t, 3);
	add(&w, &t[0], 100);
	add(&w, &t[1], 200);
	/* Never added. */
	wheel_cancel(&w, &t[2].e);
	ck_assert_uint_eq(w.count, 2);
	ck_assert_uint_eq(wheel_next(&w), 100);
	/* Already popped. */
	pop_is(&w, 150, &t[0]);
	wheel_cancel(&w, &t[0].e);
	ck_assert_uint_eq(w.count, 1);
	ck_assert_uint_eq(wheel_next(&w), 200);
	/* Already cancelled. */
	wheel_cancel(&w, &t[1].e);
	wheel_cancel(&w, &t[1].e);
	ck_assert_uint_eq(w.count, 0);
	ck_assert(wheel_next(&w) == WHEEL_NONE);
	pop_is(&w, 1000, NULL);
}
END_TEST

START_TEST(big_jumps)
{
	/* One jump passes every level at once: all come out, in order. */
	struct wheel w;
	struct timer t[7];
	static const uint64_t deadlines[] = {
		10, 100, 5000, 300000, WHEEL_SPAN + 1, 2 * WHEEL_SPAN,
		UINT64_C(1) << 36,
	};

	wheel_init(&w, 0);
	timers_init(t, 7);
	for (int i = 6; i >= 0; i--)
		add(&w, &t[i], deadlines[i]);
	for (int i = 0; i < 6; i++)
		pop_is(&w, UINT64_C(1) << 26, &t[i]);
	pop_is(&w, UINT64_C(1) << 26, NULL);
	ck_assert(w.now == UINT64_C(1) << 26);
	ck_assert_uint_eq(wheel_next(&w), UINT64_C(1) << 36);

	/* After the jump, new entries relative to the new clock. */
	add(&w, &t[0], (UINT64_C(1) << 26) + 1);
	add(&w, &t[1], (UINT64_C(1) << 26) + 70);
	ck_assert_uint_eq(wheel_next(&w), (UINT64_C(1) << 26) + 1);
	pop_is(&w, UINT64_C(1) << 26, NULL);
	pop_is(&w, (UINT64_C(1) << 26) + 69, &t[0]);
	pop_is(&w, (UINT64_C(1) << 26) + 69, NULL);
	pop_is(&w, (UINT64_C(1) << 26) + 70, &t[1]);
	pop_is(&w, (UINT64_C(1) << 36) - 1, NULL);
	pop_is(&w, UINT64_C(1) << 36, &t[6]);
}
END_TEST

START_TEST(jump_partway)
{
	/* Jumps that stop between entries of several levels. */
	struct wheel w;
	struct timer t[5];

	wheel_init(&w, 0);
	timers_init(t, 5);
	add(&w, &t[0], 10);
	add(&w, &t[1], 5000);
	add(&w, &t[2], 5001);
	add(&w, &t[3], WHEEL_SPAN + 100);
	add(&w, &t[4], 3 * WHEEL_SPAN);
	pop_is(&w, 5000, &t[0]);
	pop_is(&w, 5000, &t[1]);
	pop_is(&w, 5000, NULL);
	ck_assert_uint_eq(wheel_next(&w), 5001);
	pop_is(&w, WHEEL_SPAN + 99, &t[2]);
	pop_is(&w, WHEEL_SPAN + 99, NULL);
	ck_assert_uint_eq(wheel_next(&w), WHEEL_SPAN + 100);
	/* A clock that goes backwards is held where it was. */
	pop_is(&w, 7, NULL);
	pop_is(&w, WHEEL_SPAN + 100, &t[3]);
	pop_is(&w, 3 * WHEEL_SPAN - 1, NULL);
	pop_is(&w, 2 * WHEEL_SPAN, NULL);
	pop_is(&w, 3 * WHEEL_SPAN, &t[4]);
}
END_TEST

/* A deadline for a random timer: every level, overflow, ties, the past. */
static uint64_t
random_deadline(uint64_t now, const struct timer *t, size_t n)
{
	switch (rng_below(8)) {
	case 0:
		return now + rng_below(64);
	case 1:
		return now + rng_below(4096);
	case 2:
		return now + rng_below(262144);
	case 3:
		return now + rng_below(WHEEL_SPAN);
	case 4:
		return now + rng_below(8 * WHEEL_SPAN);
	case 5:	/* the past, or now */
		return now - rng_below(now < 5000 ? now + 1 : 5000);
	case 6: {	/* a tie with another timer, if it is still ahead */
		const struct timer *o = &t[rng_below(n)];

		if (o->pending)
			return o->deadline;
		return now + rng_below(100);
	}
	default: {	/* the next boundary of a level */
		unsigned shift = 6 * (unsigned)rng_below(5);

		return ((now >> shift) + 1) << shift;
	}
	}
}

/* The pending timer due first: earliest deadline, then earliest add. */
static struct timer *
reference_min(struct timer *t, size_t n)
{
	struct timer *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (t[i].pending && (best == NULL ||
		    t[i].deadline < best->deadline ||
		    (t[i].deadline == best->deadline && t[i].seq < best->seq)))
			best = &t[i];
	return best;
}

static int
by_deadline_then_seq(const void *a, const void *b)
{
	const struct timer *x = *(const struct timer *const *)a;
	const struct timer *y = *(const struct timer *const *)b;

	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

START_TEST(many_timers_against_reference)
{
	/* 10,000 timers: add all, cancel some, then drain in random jumps;
	 * the pops must be exactly the sorted reference. */
	enum { N = 10000 };
	static struct timer t[N];
	static struct timer *sorted[N];
	struct wheel w;
	uint64_t now = 3000000, min = WHEEL_NONE;
	size_t live = 0, k = 0;

	rng_seed(0x5eed1234);
	wheel_init(&w, now);
	timers_init(t, N);
	next_seq = 0;
	for (size_t i = 0; i < N; i++) {
		add(&w, &t[i], random_deadline(now, t, i + 1));
		if (t[i].deadline < min)
			min = t[i].deadline;
		ck_assert_uint_eq(wheel_next(&w), min);
	}
	for (size_t i = 0; i < N / 5; i++) {
		struct timer *v = &t[rng_below(N)];

		if (v->pending) {
			wheel_cancel(&w, &v->e);
			v->pending = false;
		}
	}
	for (size_t i = 0; i < N; i++)
		if (t[i].pending)
			sorted[live++] = &t[i];
	ck_assert_uint_eq(w.count, live);
	qsort(sorted, live, sizeof(sorted[0]), by_deadline_then_seq);
	while (k < live) {
		struct wheel_entry *e;

		ck_assert_uint_eq(wheel_next(&w), sorted[k]->deadline);
		switch (rng_below(3)) {
		case 0:
			now += rng_below(64);
			break;
		case 1:
			now += rng_below(300000);
			break;
		default:
			now += rng_below(4 * WHEEL_SPAN);
			break;
		}
		while ((e = wheel_pop_due(&w, now)) != NULL) {
			ck_assert_uint_lt(k, live);
			ck_assert_msg(TIMER_OF(e) == sorted[k], "pop %zu: got "
			    "deadline %llu seq %llu, expected %llu seq %llu", k,
			    (unsigned long long)TIMER_OF(e)->deadline,
			    (unsigned long long)TIMER_OF(e)->seq,
			    (unsigned long long)sorted[k]->deadline,
			    (unsigned long long)sorted[k]->seq);
			ck_assert_uint_le(e->deadline, now);
			sorted[k]->pending = false;
			k++;
		}
		ck_assert_uint_eq(w.count, live - k);
		ck_assert(k == live || sorted[k]->deadline > now);
	}
	ck_assert(wheel_next(&w) == WHEEL_NONE);
	ck_assert_ptr_null(wheel_pop_due(&w, UINT64_MAX - 1));
}
END_TEST

START_TEST(mixed_workload_against_reference)
{
	/* Adds, cancels and pops interleaved; after every step the wheel's
	 * minimum, its count and each pop match a brute-force search. */
	enum { N = 2000, STEPS = 30000 };
	static struct timer t[N];
	struct wheel w;
	uint64_t now = 10000000;
	size_t live = 0;
	unsigned long pops = 0;

	rng_seed(20240601);
	wheel_init(&w, now);
	timers_init(t, N);
	next_seq = 0;
	for (int step = 0; step < STEPS; step++) {
		struct timer *x = &t[rng_below(N)], *ref;
		struct wheel_entry *e;

		switch (rng_below(4)) {
		case 0:
		case 1:
			if (!x->pending) {
				add(&w, x, random_deadline(now, t, N));
				live++;
			}
			break;
		case 2:
			wheel_cancel(&w, &x->e);
			if (x->pending)
				live--;
			x->pending = false;
			break;
		default:
			now += rng_below(2) ? rng_below(128) :
			    rng_below(2 * WHEEL_SPAN);
			while ((e = wheel_pop_due(&w, now)) != NULL) {
				ref = reference_min(t, N);
				ck_assert_ptr_nonnull(ref);
				ck_assert_msg(TIMER_OF(e) == ref, "step %d: "
				    "got deadline %llu seq %llu, expected %llu "
				    "seq %llu", step,
				    (unsigned long long)TIMER_OF(e)->deadline,
				    (unsigned long long)TIMER_OF(e)->seq,
				    (unsigned long long)ref->deadline,
				    (unsigned long long)ref->seq);
				ck_assert_uint_le(ref->deadline, now);
				ref->pending = false;
				live--;
				pops++;
			}
			break;
		}
		ref = reference_min(t, N);
		ck_assert_uint_eq(wheel_next(&w),
		    ref != NULL ? ref->deadline : WHEEL_NONE);
		ck_assert_uint_eq(w.count, live);
	}
	/* The run did what it was meant to: plenty of each. */
	ck_assert_uint_gt(pops, 5000);
}
END_TEST

Suite *
wheel_suite(void)
{
	Suite *s = suite_create("wheel");
	TCase *tc = tcase_create("wheel");

	/* The brute-force references take a while under the sanitizers. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, empty_wheel);
	tcase_add_test(tc, entry_pending);
	tcase_add_test(tc, zero_ms_due_at_once);
	tcase_add_test(tc, add_pending_moves_it);
	tcase_add_test(tc, past_deadline_due_at_once);
	tcase_add_test(tc, levels_of_deadlines);
	tcase_add_test(tc, one_timer_per_level);
	tcase_add_test(tc, creeping_clock);
	tcase_add_test(tc, ordering_random_insertion);
	tcase_add_test(tc, ties_in_insertion_order);
	tcase_add_test(tc, ties_far_in_overflow);
	tcase_add_test(tc, cancel_first_middle_last);
	tcase_add_test(tc, cancel_then_add_again);
	tcase_add_test(tc, cancel_not_pending_is_noop);
	tcase_add_test(tc, big_jumps);
	tcase_add_test(tc, jump_partway);
	tcase_add_test(tc, many_timers_against_reference);
	tcase_add_test(tc, mixed_workload_against_reference);
	suite_add_tcase(s, tc);
	return s;
}
