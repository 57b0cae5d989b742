/*
 * wheel.h: a hierarchical timer wheel on monotonic milliseconds, pure.
 *
 * Four levels of 64 slots cover 2^24 ms (about 4.7 hours) at 1 ms
 * resolution; later deadlines wait in an overflow list. Entries are
 * embedded in their owners; the wheel never allocates. Every level holds
 * only deadlines later than every deadline of the levels below it, so the
 * earliest deadline is found with one bit scan, and entries of one
 * deadline come out in the order they went in.
 */
#ifndef RESPAWND_WHEEL_H
#define RESPAWND_WHEEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WHEEL_LEVELS	4
#define WHEEL_SLOTS	64
#define WHEEL_NONE	UINT64_MAX

struct wheel_entry {
	struct wheel_entry *next, *prev;
	uint64_t deadline;
	uint8_t level;		/* WHEEL_LEVELS: overflow; 0xff: not queued */
	uint8_t slot;
};

struct wheel_list {
	struct wheel_entry *first, *last;
};

struct wheel {
	uint64_t now;
	uint64_t occupied[WHEEL_LEVELS];
	struct wheel_list slots[WHEEL_LEVELS][WHEEL_SLOTS];
	struct wheel_list overflow;
	size_t count;
};

/* An empty wheel whose clock reads NOW. Cannot fail. */
void
wheel_init(struct wheel *w, uint64_t now);

/* An entry that is in no wheel. Cannot fail. */
void
wheel_entry_init(struct wheel_entry *e);

bool
wheel_entry_pending(const struct wheel_entry *e);

/* Queue E for DEADLINE (moving it if it is queued already); a deadline
 * already past is due at once. Cannot fail. */
void
wheel_add(struct wheel *w, struct wheel_entry *e, uint64_t deadline);

/* Take E out of the wheel if it is pending. Cannot fail. */
void
wheel_cancel(struct wheel *w, struct wheel_entry *e);

/* The earliest deadline, or WHEEL_NONE when the wheel is empty. */
uint64_t
wheel_next(const struct wheel *w);

/*
 * The earliest entry due at NOW (deadline <= NOW), taken out of the wheel,
 * or NULL when none is due; then the wheel's clock has moved to NOW. Call
 * it until it returns NULL. NOW never goes backwards.
 */
struct wheel_entry *
wheel_pop_due(struct wheel *w, uint64_t now);

#endif
