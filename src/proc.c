/*
 * proc.c: /proc/PID/stat and /proc/PID/cmdline. Parsing is pure and
 * apart from the reading, so tests feed it hostile names. Everything here
 * is async-signal-safe (hand-made number parsing, open/read/close only):
 * the crash handler reads start times through it.
 */
#include "proc.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

/* An unsigned decimal; a leading '-' reads as 0 (fields such as tty_nr
 * can be -1). Returns the end, or NULL when there are no digits. */
static const char *
scan_number(const char *s, unsigned long long *v)
{
	unsigned long long n = 0;
	bool negative = *s == '-';
	const char *start;

	if (negative)
		s++;
	start = s;
	while (*s >= '0' && *s <= '9') {
		unsigned long long d = (unsigned long long)(*s - '0');

		if (n > (ULLONG_MAX - d) / 10)
			return NULL;
		n = n * 10 + d;
		s++;
	}
	if (s == start)
		return NULL;
	*v = negative ? 0 : n;
	return s;
}

int
proc_parse_stat(const char *text, struct proc_stat *st)
{
	/* The name ends at the last ')': a name may hold ')' itself. */
	const char *s = strrchr(text, ')');
	unsigned long long v;

	if (s == NULL || s[1] != ' ' || s[2] == '\0')
		return -1;
	s += 2;
	st->state = *s++;
	for (int field = 4; field <= 22; field++) {
		if (*s != ' ')
			return -1;
		s = scan_number(s + 1, &v);
		if (s == NULL)
			return -1;
		if (field == 4)
			st->ppid = (pid_t)v;
		else if (field == 5)
			st->pgrp = (pid_t)v;
		else if (field == 22)
			st->start_time = v;
	}
	return 0;
}

static ssize_t
read_proc_file(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64] = "/proc/", digits[16];
	size_t len = strlen(path), n = 0;
	ssize_t r, total = 0;
	unsigned long v = (unsigned long)pid;
	int fd;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		path[len++] = digits[--n];
	path[len++] = '/';
	memcpy(path + len, name, strlen(name) + 1);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* /proc makes the whole file at the first read: a short read is
	 * the end, and a second read(2) per file would only find that out. */
	while ((size_t)total < size - 1) {
		r = read(fd, buf + total, size - 1 - (size_t)total);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		total += r;
		if (r == 0 || (size_t)total < size - 1)
			break;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

int
proc_read_stat(pid_t pid, struct proc_stat *st)
{
	char buf[1024];

	if (read_proc_file(pid, "stat", buf, sizeof(buf)) < 0)
		return -1;
	if (proc_parse_stat(buf, st) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

ssize_t
proc_read_cmdline(pid_t pid, char *buf, size_t size)
{
	return read_proc_file(pid, "cmdline", buf, size);
}
