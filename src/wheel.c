/*
 * wheel.c: the timer wheel, pure (the clock is an argument).
 *
 * An entry sits at the lowest level k whose enclosing block of 64^(k+1) ms
 * also holds the wheel's clock, in slot (deadline >> 6k) & 63. So level 0
 * holds the current 64 ms, level 1 the rest of the current 4 s, and so
 * on: levels never overlap in time, and within a level slots are in time
 * order. When the clock enters a new block, the slot it enters at each
 * level is spread down again ("cascade"), from the top so that an entry
 * may fall several levels at once.
 */
#include "wheel.h"

#define BITS		6
#define NOT_QUEUED	0xff

static struct wheel_list *
list_of(struct wheel *w, const struct wheel_entry *e)
{
	if (e->level == WHEEL_LEVELS)
		return &w->overflow;
	return &w->slots[e->level][e->slot];
}

static void
unlink_entry(struct wheel *w, struct wheel_entry *e)
{
	struct wheel_list *l = list_of(w, e);

	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		l->first = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		l->last = e->prev;
	if (l->first == NULL && e->level < WHEEL_LEVELS)
		w->occupied[e->level] &= ~(UINT64_C(1) << e->slot);
	e->next = e->prev = NULL;
	e->level = NOT_QUEUED;
}

/* Put E where its deadline belongs for the wheel's current clock. */
static void
place(struct wheel *w, struct wheel_entry *e)
{
	struct wheel_list *l;
	unsigned level;

	for (level = 0; level < WHEEL_LEVELS; level++) {
		unsigned shift = BITS * (level + 1);

		if ((e->deadline >> shift) == (w->now >> shift))
			break;
	}
	e->level = (uint8_t)level;
	if (level < WHEEL_LEVELS) {
		e->slot = (uint8_t)((e->deadline >> (BITS * level)) &
		    (WHEEL_SLOTS - 1));
		w->occupied[level] |= UINT64_C(1) << e->slot;
	}
	l = list_of(w, e);
	e->next = NULL;
	e->prev = l->last;
	if (l->last != NULL)
		l->last->next = e;
	else
		l->first = e;
	l->last = e;
}

/* Spread list L (of LEVEL and SLOT) down again after the clock moved. */
static void
cascade(struct wheel *w, struct wheel_list *l, unsigned level, unsigned slot)
{
	struct wheel_entry *e = l->first;

	l->first = l->last = NULL;
	if (level < WHEEL_LEVELS)
		w->occupied[level] &= ~(UINT64_C(1) << slot);
	while (e != NULL) {
		struct wheel_entry *next = e->next;

		place(w, e);
		e = next;
	}
}

/* Move the clock to NOW; no entry may be due before NOW. */
static void
advance(struct wheel *w, uint64_t now)
{
	uint64_t old = w->now;

	w->now = now;
	if ((old >> BITS) == (now >> BITS))
		return;
	if ((old >> (BITS * WHEEL_LEVELS)) != (now >> (BITS * WHEEL_LEVELS)))
		cascade(w, &w->overflow, WHEEL_LEVELS, 0);
	for (unsigned level = WHEEL_LEVELS - 1; level > 0; level--) {
		unsigned shift = BITS * level;
		unsigned slot = (unsigned)((now >> shift) & (WHEEL_SLOTS - 1));

		if ((old >> shift) != (now >> shift) &&
		    (w->occupied[level] >> slot) & 1)
			cascade(w, &w->slots[level][slot], level, slot);
	}
}

void
wheel_init(struct wheel *w, uint64_t now)
{
	*w = (struct wheel){ .now = now };
}

void
wheel_entry_init(struct wheel_entry *e)
{
	*e = (struct wheel_entry){ .level = NOT_QUEUED };
}

bool
wheel_entry_pending(const struct wheel_entry *e)
{
	return e->level != NOT_QUEUED;
}

void
wheel_cancel(struct wheel *w, struct wheel_entry *e)
{
	if (!wheel_entry_pending(e))
		return;
	unlink_entry(w, e);
	w->count--;
}

void
wheel_add(struct wheel *w, struct wheel_entry *e, uint64_t deadline)
{
	/* Queued already: move it, never link it twice. */
	wheel_cancel(w, e);
	e->deadline = deadline < w->now ? w->now : deadline;
	place(w, e);
	w->count++;
}


static const struct wheel_entry *
earliest_of(const struct wheel_list *l)
{
	const struct wheel_entry *best = l->first;

	for (const struct wheel_entry *e = l->first; e != NULL; e = e->next)
		if (e->deadline < best->deadline)
			best = e;
	return best;
}

static const struct wheel_entry *
earliest(const struct wheel *w)
{
	for (unsigned level = 0; level < WHEEL_LEVELS; level++) {
		if (w->occupied[level] != 0) {
			unsigned slot = (unsigned)__builtin_ctzll(
			    w->occupied[level]);

			/* Level 0 slots are single milliseconds. */
			if (level == 0)
				return w->slots[0][slot].first;
			return earliest_of(&w->slots[level][slot]);
		}
	}
	if (w->overflow.first != NULL)
		return earliest_of(&w->overflow);
	return NULL;
}

uint64_t
wheel_next(const struct wheel *w)
{
	const struct wheel_entry *e = earliest(w);

	return e == NULL ? WHEEL_NONE : e->deadline;
}

struct wheel_entry *
wheel_pop_due(struct wheel *w, uint64_t now)
{
	const struct wheel_entry *first = earliest(w);
	struct wheel_entry *e;
	uint64_t deadline;

	if (now < w->now)
		now = w->now;
	if (first == NULL || first->deadline > now) {
		advance(w, now);
		return NULL;
	}
	/*
	 * Moving the clock to the earliest deadline brings every entry of that
	 * deadline down to level 0, in the order they were added.
	 */
	deadline = first->deadline;
	advance(w, deadline);
	e = w->slots[0][deadline & (WHEEL_SLOTS - 1)].first;
	unlink_entry(w, e);
	w->count--;
	return e;
}
