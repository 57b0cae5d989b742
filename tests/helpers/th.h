/*
 * th.h: what the test helpers share: the clock, appending one line to a
 * file in a single write (so lines from many processes never mix), and
 * waiting for ever.
 */
#ifndef RESPAWND_TH_H
#define RESPAWND_TH_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline long long
th_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void
th_append(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline void
th_append(const char *path, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(path);
		exit(111);
	}
	if (write(fd, line, (size_t)n) != n) {
		perror(path);
		exit(111);
	}
	close(fd);
}

static inline void
th_wait_forever(void)
{
	for (;;)
		pause();
}

#endif
