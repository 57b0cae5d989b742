/*
 * names.h: an index from names to positions, built once over an array of
 * named things (services in a configuration, records in a state file), so
 * that finding one among thousands is not a scan; and the one hash
 * function respawnd uses, FNV-1a 64, for names, digests and checksums.
 */
#ifndef RESPAWND_NAMES_H
#define RESPAWND_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FNV1A_INIT	UINT64_C(0xcbf29ce484222325)

/* FNV-1a 64 of LEN bytes at DATA, continuing from H (FNV1A_INIT to start).
 * Pure and async-signal-safe. */
uint64_t
fnv1a(uint64_t h, const void *data, size_t len);

/* The same construction over 8-byte little-endian words (the tail byte
 * by byte): a different value, eight times fewer multiplications, for
 * checksums of large texts (the state file's "sum"). Still a bijection
 * at each step, so any one changed byte changes the result. */
uint64_t
fnv1a_words(uint64_t h, const void *data, size_t len);

struct names {
	size_t *slots;		/* position + 1, 0: empty */
	size_t mask;
	size_t count;
};

/* The name of item I, for names_build() and names_find(). */
typedef const char *names_get_fn(const void *items, size_t i);

/*
 * Index the N items (names from GET). Returns 0, or -1 (ENOMEM). With
 * DUPLICATE not NULL, *DUPLICATE is set to the position of the first item
 * whose name came before (and that item is not indexed), or N when none.
 */
int
names_build(struct names *idx, const void *items, size_t n,
    names_get_fn *get, size_t *duplicate);

/*
 * Add item I (ITEMS may have moved since the last call). Returns -1 when
 * it went in, the position of the item already there under its name, or
 * -2 when out of memory. An empty index ({ 0 }) is ready to use.
 */
long
names_add(struct names *idx, const void *items, names_get_fn *get, size_t i);

/* The position of NAME, or -1. */
long
names_find(const struct names *idx, const void *items, names_get_fn *get,
    const char *name);

void
names_free(struct names *idx);

#endif
