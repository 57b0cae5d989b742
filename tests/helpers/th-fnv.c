/*
 * th-fnv: print the FNV-1a 64 digest of a file, as the state file's "sum"
 * line wants it, so tests can forge well-formed state files.
 *
 *   th-fnv FILE
 */
#include <inttypes.h>

#include "th.h"

int
main(int argc, char **argv)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	FILE *f;
	int c;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: th-fnv FILE\n");
		return 2;
	}
	while ((c = getc(f)) != EOF) {
		h ^= (uint64_t)c;
		h *= UINT64_C(0x100000001b3);
	}
	printf("%016" PRIx64 "\n", h);
	return 0;
}
