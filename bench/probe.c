/*
 * probe: the benchmark's precise clock hand. Every time it reports is
 * CLOCK_MONOTONIC in nanoseconds, the clock the stamps use.
 *
 *   probe exec FD PROG [ARG...]
 *       write the time to fd FD, close it and exec PROG: the launch time
 *       of a supervisor, taken right before its execve.
 *   probe serve
 *       read commands on stdin, answer one line each on stdout:
 *
 *   kw SIG TMO_MS N      then N lines "PID PATH SIZE"
 *       note which PATHs are already longer than SIZE, take T0, send SIG
 *       to every PID > 0 (0: send nothing), then wait (inotify on the
 *       directories, no polling) until every PATH is longer than SIZE.
 *       -> "ok T0 T1" or "timeout T0 MISSING"
 *   lw SIG PID TMO_MS PATH OFFSET PATTERN...
 *       take T0, send SIG to PID, wait until PATH holds PATTERN after
 *       byte OFFSET.  -> "ok T0 T1 END" or "timeout T0"
 *   tw SIG PID TMO_MS
 *       take T0, send SIG to PID, wait until it exits (pidfd).
 *       -> "ok T0 T1" or "timeout T0"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int ino = -1;

static long long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* watched directories: wd -> path */
#define MAXW 65536
static char *wdir[MAXW];
static int nwd_max;

static int
watch_dir(const char *dir)
{
	int wd = inotify_add_watch(ino, dir, IN_MODIFY | IN_CREATE);

	if (wd < 0) {
		perror(dir);
		return -1;
	}
	if (wd < MAXW && wdir[wd] == NULL)
		wdir[wd] = strdup(dir);
	if (wd > nwd_max)
		nwd_max = wd;
	return wd;
}

struct ent {
	char *path;
	long long size;
	pid_t pid;
	int done;
};

static struct ent *ents;
static int nents;
static int *tab;
static unsigned tmask;

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
lookup(const char *p)
{
	unsigned h = hash(p) & tmask;

	while (tab[h] >= 0) {
		if (strcmp(ents[tab[h]].path, p) == 0)
			return tab[h];
		h = (h + 1) & tmask;
	}
	return -1;
}

static int
poll_ms(int fd, long long deadline)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	long long left = (deadline - now()) / 1000000LL;

	if (left < 0)
		return 0;
	return poll(&pfd, 1, (int)left + 1);
}

static char last[PATH_MAX];

static void
cmd_kw(int sig, int tmo, int n)
{
	char line[PATH_MAX + 64];
	char path[PATH_MAX];
	int missing = 0;
	long long t0, deadline;

	ents = calloc((size_t)n, sizeof(*ents));
	unsigned sz = 16;
	while (sz < 2u * (unsigned)n)
		sz <<= 1;
	tmask = sz - 1;
	tab = malloc(sz * sizeof(int));
	memset(tab, -1, sz * sizeof(int));
	nents = n;
	for (int i = 0; i < n; i++) {
		long pid;
		long long size;

		if (fgets(line, sizeof(line), stdin) == NULL ||
		    sscanf(line, "%ld %4095s %lld", &pid, path, &size) != 3) {
			printf("error bad entry\n");
			fflush(stdout);
			exit(1);
		}
		ents[i].pid = (pid_t)pid;
		ents[i].path = strdup(path);
		ents[i].size = size;
		char *slash = strrchr(path, '/');
		*slash = '\0';
		/* directories repeat: inotify returns the same wd */
		if (i == 0)
			last[0] = '\0';
		if (strcmp(last, path) != 0) {
			watch_dir(path);
			strcpy(last, path);
		}
		unsigned h = hash(ents[i].path) & tmask;
		while (tab[h] >= 0)
			h = (h + 1) & tmask;
		tab[h] = i;
	}
	for (int i = 0; i < n; i++) {
		struct stat st;

		if (stat(ents[i].path, &st) == 0 && st.st_size > ents[i].size)
			ents[i].done = 1;
		else
			missing++;
	}
	t0 = now();
	for (int i = 0; i < n; i++)
		if (ents[i].pid > 0)
			kill(ents[i].pid, sig);
	deadline = t0 + (long long)tmo * 1000000LL;
	while (missing > 0) {
		char buf[65536] __attribute__((aligned(8)));
		ssize_t r;

		if (poll_ms(ino, deadline) <= 0)
			break;
		r = read(ino, buf, sizeof(buf));
		if (r <= 0)
			continue;
		for (char *p = buf; p < buf + r;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			p += sizeof(*ev) + ev->len;
			if (ev->len == 0 || ev->wd >= MAXW || wdir[ev->wd] == NULL)
				continue;
			snprintf(path, sizeof(path), "%s/%s", wdir[ev->wd],
			    ev->name);
			int i = lookup(path);
			struct stat st;

			if (i < 0 || ents[i].done)
				continue;
			if (stat(path, &st) == 0 && st.st_size > ents[i].size) {
				ents[i].done = 1;
				missing--;
			}
		}
	}
	if (missing == 0)
		printf("ok %lld %lld\n", t0, now());
	else
		printf("timeout %lld %d\n", t0, missing);
	for (int i = 0; i < n; i++)
		free(ents[i].path);
	free(ents);
	free(tab);
}

static void
cmd_lw(int sig, pid_t pid, int tmo, const char *path, long long off,
    const char *pat)
{
	char dir[PATH_MAX];
	char base[NAME_MAX + 1];
	static char text[1 << 22];
	size_t tlen = 0, plen = strlen(pat);
	long long t0, deadline;
	int fd, found = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	*slash = '\0';
	snprintf(base, sizeof(base), "%s", slash + 1);
	watch_dir(dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	t0 = now();
	kill(pid, sig);
	deadline = t0 + (long long)tmo * 1000000LL;
	for (;;) {
		ssize_t r;

		while (fd >= 0 && (r = pread(fd, text + tlen,
		    sizeof(text) - 1 - tlen, off)) > 0) {
			off += r;
			tlen += (size_t)r;
			text[tlen] = '\0';
			if (memmem(text, tlen, pat, plen) != NULL) {
				found = 1;
				break;
			}
			if (tlen > sizeof(text) / 2) {
				memmove(text, text + tlen - plen, plen);
				tlen = plen;
			}
		}
		if (found)
			break;
		char buf[65536] __attribute__((aligned(8)));
		if (poll_ms(ino, deadline) <= 0)
			break;
		if (read(ino, buf, sizeof(buf)) < 0 && errno != EINTR)
			break;
		if (fd < 0)
			fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (found)
		printf("ok %lld %lld %lld\n", t0, now(), off);
	else
		printf("timeout %lld\n", t0);
	if (fd >= 0)
		close(fd);
}

static void
cmd_tw(int sig, pid_t pid, int tmo)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	long long t0;

	if (pfd < 0) {
		printf("error pidfd_open %s\n", strerror(errno));
		return;
	}
	t0 = now();
	kill(pid, sig);
	if (poll_ms(pfd, t0 + (long long)tmo * 1000000LL) > 0)
		printf("ok %lld %lld\n", t0, now());
	else
		printf("timeout %lld\n", t0);
	close(pfd);
}

int
main(int argc, char **argv)
{
	char line[PATH_MAX + 256];

	if (argc >= 4 && strcmp(argv[1], "exec") == 0) {
		int fd = atoi(argv[2]);
		char buf[32];
		int len = snprintf(buf, sizeof(buf), "%lld\n", now());

		if (write(fd, buf, (size_t)len) != len)
			return 111;
		close(fd);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		return 127;
	}
	if (argc < 2 || strcmp(argv[1], "serve") != 0) {
		fprintf(stderr, "usage: probe exec FD PROG [ARG...] | probe serve\n");
		return 2;
	}
	ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (ino < 0) {
		perror("inotify_init1");
		return 1;
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		int sig, tmo, n;
		long pid;
		long long off;
		char path[PATH_MAX];
		int pos;

		if (sscanf(line, "kw %d %d %d", &sig, &tmo, &n) == 3) {
			cmd_kw(sig, tmo, n);
		} else if (sscanf(line, "lw %d %ld %d %4095s %lld %n", &sig,
		    &pid, &tmo, path, &off, &pos) == 5) {
			char *pat = line + pos;
			pat[strcspn(pat, "\n")] = '\0';
			cmd_lw(sig, (pid_t)pid, tmo, path, off, pat);
		} else if (sscanf(line, "tw %d %ld %d", &sig, &pid, &tmo) == 3) {
			cmd_tw(sig, (pid_t)pid, tmo);
		} else {
			printf("error unknown command\n");
		}
		/* drop events left over from the previous command */
		char buf[65536] __attribute__((aligned(8)));
		while (read(ino, buf, sizeof(buf)) > 0)
			;
		fflush(stdout);
	}
	return 0;
}
