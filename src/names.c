/*
 * names.c: a name index, pure. Open addressing with linear probing in a
 * table at least twice the item count, FNV-1a of the name as the hash.
 */
#include "names.h"

#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uint64_t
fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *b = data;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
fnv1a_words(uint64_t h, const void *data, size_t len)
{
	const unsigned char *b = data;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, b + i, sizeof(w));
		h ^= le64toh(w);
		h *= UINT64_C(0x100000001b3);
	}
	return fnv1a(h, b + i, len - i);
}

static size_t
hash(const char *s)
{
	uint64_t h = fnv1a(FNV1A_INIT, s, strlen(s));

	return (size_t)(h ^ h >> 32);
}

/* Where NAME is, or the empty slot where it would go. */
static size_t
probe(const struct names *idx, const void *items, names_get_fn *get,
    const char *name)
{
	size_t j = hash(name) & idx->mask;

	while (idx->slots[j] != 0 &&
	    strcmp(get(items, idx->slots[j] - 1), name) != 0)
		j = (j + 1) & idx->mask;
	return j;
}

static int
grow(struct names *idx, const void *items, names_get_fn *get)
{
	struct names bigger = { .count = idx->count };
	size_t size = idx->slots == NULL ? 16 : (idx->mask + 1) * 2;

	bigger.slots = calloc(size, sizeof(*bigger.slots));
	bigger.mask = size - 1;
	if (bigger.slots == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (size_t j = 0; idx->slots != NULL && j <= idx->mask; j++)
		if (idx->slots[j] != 0)
			bigger.slots[probe(&bigger, items, get, get(items,
			    idx->slots[j] - 1))] = idx->slots[j];
	free(idx->slots);
	*idx = bigger;
	return 0;
}

long
names_add(struct names *idx, const void *items, names_get_fn *get, size_t i)
{
	size_t j;

	if ((idx->slots == NULL || (idx->count + 1) * 2 > idx->mask + 1) &&
	    grow(idx, items, get) < 0)
		return -2;
	j = probe(idx, items, get, get(items, i));
	if (idx->slots[j] != 0)
		return (long)(idx->slots[j] - 1);
	idx->slots[j] = i + 1;
	idx->count++;
	return -1;
}

int
names_build(struct names *idx, const void *items, size_t n,
    names_get_fn *get, size_t *duplicate)
{
	*idx = (struct names){ 0 };
	if (duplicate != NULL)
		*duplicate = n;
	for (size_t i = 0; i < n; i++) {
		long there = names_add(idx, items, get, i);

		if (there == -2)
			return -1;
		if (there >= 0 && duplicate != NULL && *duplicate == n)
			*duplicate = i;
	}
	return 0;
}

long
names_find(const struct names *idx, const void *items, names_get_fn *get,
    const char *name)
{
	size_t j;

	if (idx->slots == NULL)
		return -1;
	j = probe(idx, items, get, name);
	return idx->slots[j] == 0 ? -1 : (long)(idx->slots[j] - 1);
}

void
names_free(struct names *idx)
{
	free(idx->slots);
	*idx = (struct names){ 0 };
}
