/*
 * stamp: the benchmark's service. At exec it reads CLOCK_MONOTONIC,
 * appends "PID NS\n" to its stamp file in one write, optionally tells
 * s6 it is ready, then waits forever (or exits 1 at once: crash loop).
 *
 *   stamp [-x] FILE     stamp into FILE (-x: exit 1 after stamping)
 *   run [ARG...]        as the run program of s6/runit/daemontools (any
 *                       argv[0] ending in "run"; arguments ignored): stamp
 *                       into ./stamp (a symlink into the stamp dir), write
 *                       "\n" to the fd named in ./notification-fd if that
 *                       file exists, and exit 1 if ./crash exists.
 *
 * Only the clock read happens before anything else; what follows it does
 * not count in any latency. Built static (see bench/README.md).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t
fmt_u(char *p, unsigned long long v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

int
main(int argc, char **argv)
{
	struct timespec ts;
	const char *path = "stamp";
	char buf[64];
	size_t n;
	int fd, crash = 0, native = 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* s6-supervise runs "./run NAME": argv[0] tells the native mode */
	n = strlen(argv[0]);
	if (n >= 3 && strcmp(argv[0] + n - 3, "run") == 0) {
		native = 1;
	} else {
		if (argc > 1 && strcmp(argv[1], "-x") == 0) {
			crash = 1;
			argv++;
			argc--;
		}
		if (argc > 1)
			path = argv[1];
	}
	n = fmt_u(buf, (unsigned long long)getpid());
	buf[n++] = ' ';
	n += fmt_u(buf + n, (unsigned long long)ts.tv_sec * 1000000000ULL +
	    (unsigned long long)ts.tv_nsec);
	buf[n++] = '\n';
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (write(fd, buf, n) != (ssize_t)n)
			return 111;
		close(fd);
	}
	if (native) {
		fd = open("notification-fd", O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t r = read(fd, buf, sizeof(buf) - 1);

			close(fd);
			if (r > 0) {
				buf[r] = '\0';
				int nfd = atoi(buf);

				if (write(nfd, "\n", 1) == 1)
					close(nfd);
			}
		}
		if (access("crash", F_OK) == 0)
			crash = 1;
	}
	if (crash)
		return 1;
	for (;;)
		pause();
}
