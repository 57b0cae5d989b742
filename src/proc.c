/*
 * proc.c: /proc/PID/stat and /proc/PID/cmdline. Parsing is pure and
 * apart from the reading, so tests feed it hostile names.
 */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
proc_parse_stat(const char *text, struct proc_stat *st)
{
	/* The name ends at the last ')': a name may hold ')' itself. */
	const char *s = strrchr(text, ')');
	unsigned long long v;
	char *end;
	int field;

	if (s == NULL || s[1] != ' ' || !s[2])
		return -1;
	s += 2;
	st->state = *s++;
	for (field = 4; field <= 22; field++) {
		if (*s != ' ')
			return -1;
		s++;
		errno = 0;
		if (*s == '-') {	/* fields such as tty_nr can be -1 */
			strtoll(s, &end, 10);
			v = 0;
		} else {
			v = strtoull(s, &end, 10);
		}
		if (end == s || errno != 0)
			return -1;
		s = end;
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
	char path[64];
	ssize_t n, total = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1) {
		n = read(fd, buf + total, size - 1 - (size_t)total);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		total += n;
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
