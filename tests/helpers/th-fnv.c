/*
 * th-fnv: print the FNV-1a 64 digest of a file, so tests can forge
 * well-formed state files.
 *
 *   th-fnv FILE      byte by byte: a command line digest ("cmd=")
 *   th-fnv -w FILE   by 8-byte little-endian words: the "sum" line
 */
#include <inttypes.h>

#include "th.h"

int
main(int argc, char **argv)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	unsigned char buf[8];
	int words = argc == 3 && strcmp(argv[1], "-w") == 0;
	size_t n;
	FILE *f;

	if (argc != 2 + words || (f = fopen(argv[1 + words], "rb")) == NULL) {
		fprintf(stderr, "usage: th-fnv [-w] FILE\n");
		return 2;
	}
	while ((n = fread(buf, 1, words ? 8 : 1, f)) > 0) {
		if (n == 8) {
			uint64_t w = 0;

			for (int k = 7; k >= 0; k--)
				w = w << 8 | buf[k];
			h ^= w;
			h *= UINT64_C(0x100000001b3);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			h ^= buf[i];
			h *= UINT64_C(0x100000001b3);
		}
	}
	printf("%016" PRIx64 "\n", h);
	return 0;
}
