/*
 * proc.h: what /proc tells of a process: its parent and its start time
 * (stat fields 4 and 22), the pair that tells our child from a stranger
 * that reuses its pid.
 */
#ifndef RESPAWND_PROC_H
#define RESPAWND_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct proc_stat {
	char state;			/* field 3: R S D Z ... */
	pid_t ppid;			/* field 4 */
	pid_t pgrp;			/* field 5 */
	unsigned long long start_time;	/* field 22, clock ticks at boot */
};

/* Parse the text of /proc/PID/stat; the name (field 2) may hold any
 * bytes, ") (" included. Returns 0, or -1 when malformed. Pure. */
int
proc_parse_stat(const char *text, struct proc_stat *st);

/* Read /proc/PID/stat. Returns 0, or -1 with errno (ENOENT: no such
 * process). */
int
proc_read_stat(pid_t pid, struct proc_stat *st);

/* Read /proc/PID/cmdline into BUF (NUL-separated words). Returns its
 * length, or -1 with errno. */
ssize_t
proc_read_cmdline(pid_t pid, char *buf, size_t size);

#endif
