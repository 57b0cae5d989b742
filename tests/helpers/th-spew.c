/*
 * th-spew: a service that writes numbered lines.
 *
 *   th-spew [-n COUNT] [-u MICROSECONDS] [-x CODE] [-e]
 *
 * Writes "PID SEQ" lines, SEQ from 1, to stdout (to stderr too with -e,
 * alternating), one write each, a pause of MICROSECONDS between (default
 * 1000); after COUNT lines (default: no end) exits with CODE (default 0).
 */
#include "th.h"

int
main(int argc, char **argv)
{
	long count = -1, pause_us = 1000;
	int code = 0, both = 0, opt;

	while ((opt = getopt(argc, argv, "n:u:x:e")) != -1) {
		switch (opt) {
		case 'n':
			count = atol(optarg);
			break;
		case 'u':
			pause_us = atol(optarg);
			break;
		case 'x':
			code = atoi(optarg);
			break;
		case 'e':
			both = 1;
			break;
		default:
			return 2;
		}
	}
	for (long seq = 1; count < 0 || seq <= count; seq++) {
		char line[64];
		int n = snprintf(line, sizeof(line), "%ld %ld\n", (long)getpid(),
		    seq);
		int fd = both && seq % 2 == 0 ? STDERR_FILENO : STDOUT_FILENO;

		if (write(fd, line, (size_t)n) != n)
			return 111;
		if (pause_us > 0) {
			struct timespec t = { pause_us / 1000000,
			    pause_us % 1000000 * 1000 };

			nanosleep(&t, NULL);
		}
	}
	return code;
}
