/*
 * th-cycle: kill a stamping service again and again, and time its returns.
 *
 *   th-cycle STAMP COUNT [TIMEOUT_MS]
 *
 * STAMP is the file a th-stamp service appends "PID NS" to. COUNT times:
 * SIGKILL the pid of the last line, then wait (inotify, at most
 * TIMEOUT_MS, default 5000) for a new line from a new pid. Prints
 * "cycles N median_us M p99_us P max_us X" on success; exits 1 with a
 * message when a service did not come back in time.
 */
#include <poll.h>
#include <sys/inotify.h>

#include "th.h"

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Read what was appended since *off; keep the last whole line's fields. */
static int
read_new(int fd, off_t *off, long *pid, long long *ns)
{
	static char buf[1 << 16];
	int found = 0;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, *off);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (char *line = buf, *nl; (nl = strchr(line, '\n')) != NULL;
	    line = nl + 1) {
		*nl = '\0';
		if (sscanf(line, "%ld %lld", pid, ns) == 2)
			found = 1;
		*off += nl - line + 1;
	}
	return found;
}

int
main(int argc, char **argv)
{
	long count, pid = 0, timeout_ms;
	long long ns, *lat;
	off_t off = 0;
	int fd, ino;

	if (argc < 3) {
		fprintf(stderr, "usage: th-cycle STAMP COUNT [TIMEOUT_MS]\n");
		return 2;
	}
	count = atol(argv[2]);
	timeout_ms = argc > 3 ? atol(argv[3]) : 5000;
	lat = calloc((size_t)count + 1, sizeof(*lat));
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (fd < 0 || ino < 0 || lat == NULL ||
	    inotify_add_watch(ino, argv[1], IN_MODIFY) < 0) {
		perror(argv[1]);
		return 2;
	}
	if (!read_new(fd, &off, &pid, &ns)) {
		fprintf(stderr, "th-cycle: %s has no stamp yet\n", argv[1]);
		return 2;
	}
	for (long i = 0; i < count; i++) {
		long old = pid;
		long long t0 = th_now_ns(), deadline = t0 +
		    timeout_ms * 1000000LL;

		if (kill((pid_t)pid, SIGKILL) < 0) {
			perror("kill");
			return 1;
		}
		while (pid == old) {
			char events[4096];
			long long left = deadline - th_now_ns();
			struct pollfd p = { ino, POLLIN, 0 };

			if (read_new(fd, &off, &pid, &ns) && pid != old)
				break;
			if (left <= 0) {
				fprintf(stderr, "th-cycle: pid %ld not replaced "
				    "within %ld ms (cycle %ld)\n", old,
				    timeout_ms, i + 1);
				return 1;
			}
			poll(&p, 1, (int)(left / 1000000 + 1));
			while (read(ino, events, sizeof(events)) > 0)
				;
		}
		lat[i] = ns - t0;
	}
	qsort(lat, (size_t)count, sizeof(*lat), cmp_ll);
	printf("cycles %ld median_us %lld p99_us %lld max_us %lld\n", count,
	    lat[count / 2] / 1000, lat[count * 99 / 100] / 1000,
	    lat[count - 1] / 1000);
	free(lat);
	return 0;
}
