/*
 * log.c: respawnd's own log lines. Each line is formatted into one buffer
 * and written with a single call, so lines from respawnd never interleave
 * with each other, whatever its services write to the same stderr.
 *
 * A supervisor must never stall on its log: a pipe whose reader stopped
 * reading, or a syslog daemon that hangs, would stop every restart. So
 * every write is non-blocking, and a line that finds no room is dropped
 * and counted; the next line that gets through says how many were lost.
 * stderr being a pipe, respawnd opens the pipe again through /proc (a new
 * open file description of its own) to make it non-blocking without
 * touching the description its services inherit. Syslog is spoken
 * directly to /dev/log, because syslog(3) may block. Never allocates.
 */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static enum log_target log_target = LOG_TO_STDERR;
static enum log_level log_level = LL_INFO;
static int out_fd = STDERR_FILENO;	/* where stderr lines go */
static bool out_socket;			/* then send(), not write() */
static int syslog_fd = -1;
static unsigned long dropped;
static pid_t own_pid;		/* ours for good: an exec keeps it */

static const char *const level_names[] = {
	[LL_ERROR] = "error",
	[LL_WARN] = "warn",
	[LL_INFO] = "info",
	[LL_DEBUG] = "debug",
};

/* syslog priorities (RFC 3164), facility daemon (3). */
static const int syslog_priorities[] = {
	[LL_ERROR] = 3 * 8 + 3,
	[LL_WARN] = 3 * 8 + 4,
	[LL_INFO] = 3 * 8 + 6,
	[LL_DEBUG] = 3 * 8 + 7,
};

/* Our own non-blocking way to stderr. */
static void
open_stderr(void)
{
	struct stat st;

	if (out_fd != STDERR_FILENO || fstat(STDERR_FILENO, &st) < 0)
		return;
	if (S_ISFIFO(st.st_mode)) {
		int fd = open("/proc/self/fd/2", O_WRONLY | O_NONBLOCK |
		    O_CLOEXEC);

		if (fd >= 0)
			out_fd = fd;
	} else if (S_ISSOCK(st.st_mode)) {
		out_socket = true;
	}
	/* A file or a terminal: write(2) as it is. */
}

static void
open_syslog(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX,
	    .sun_path = "/dev/log" };

	if (syslog_fd >= 0)
		close(syslog_fd);
	syslog_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	if (syslog_fd >= 0 && connect(syslog_fd, (struct sockaddr *)&addr,
	    sizeof(addr)) < 0) {
		close(syslog_fd);
		syslog_fd = -1;
	}
}

static long
pid_of_us(void)
{
	if (own_pid == 0)
		own_pid = getpid();
	return (long)own_pid;
}

void
log_setup(enum log_target target, enum log_level level)
{
	log_target = target;
	log_level = level;
	if (target == LOG_TO_SYSLOG)
		open_syslog();
	else
		open_stderr();
}

bool
log_enabled(enum log_level level)
{
	return level <= log_level;
}

const char *
log_level_name(enum log_level level)
{
	return level_names[level];
}

/* One line out, or dropped. Returns whether it went. */
static bool
put_line(const char *line, size_t len)
{
	ssize_t n;

	if (log_target == LOG_TO_SYSLOG) {
		if (syslog_fd < 0)
			open_syslog();
		if (syslog_fd < 0)
			return false;
		n = send(syslog_fd, line, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN) {
			open_syslog();	/* the daemon may have restarted */
			n = syslog_fd < 0 ? -1 : send(syslog_fd, line, len,
			    MSG_DONTWAIT | MSG_NOSIGNAL);
		}
		return n >= 0;
	}
	do {
		n = out_socket ? send(out_fd, line, len,
		    MSG_DONTWAIT | MSG_NOSIGNAL) : write(out_fd, line, len);
	} while (n < 0 && errno == EINTR);
	return n >= 0;
}

static size_t
format(char *line, size_t size, enum log_level level, const char *service,
    const char *fmt, va_list ap)
{
	size_t len = 0;
	int n;

	if (log_target == LOG_TO_SYSLOG) {
		time_t now = time(NULL);
		struct tm tm;
		char stamp[32];

		localtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
		n = snprintf(line, size, "<%d>%s respawnd[%ld]: ",
		    syslog_priorities[level], stamp, pid_of_us());
	} else {
		n = snprintf(line, size, "respawnd[%ld]: ", pid_of_us());
	}
	len = (size_t)n;
	n = snprintf(line + len, size - len, "%s: ", level_names[level]);
	len += (size_t)n;
	if (service != NULL) {
		n = snprintf(line + len, size - len, "service %s: ", service);
		len += (size_t)n;
	}
	n = vsnprintf(line + len, size - len, fmt, ap);
	if (n < 0)
		n = 0;
	len += (size_t)n;
	if (len > size - 2) {
		/* Too long: keep the start and mark the cut. */
		len = size - 2;
		memcpy(line + len - 3, "...", 3);
	}
	if (log_target != LOG_TO_SYSLOG)
		line[len++] = '\n';
	return len;
}

static void
note_dropped(void)
{
	char line[128];
	int n;

	n = snprintf(line, sizeof(line), "respawnd[%ld]: warn: %lu log lines "
	    "were dropped: the log did not keep up\n", pid_of_us(),
	    dropped);
	if (log_target == LOG_TO_SYSLOG)
		n = snprintf(line, sizeof(line), "<%d>respawnd[%ld]: warn: %lu "
		    "log lines were dropped", syslog_priorities[LL_WARN],
		    pid_of_us(), dropped);
	if (put_line(line, (size_t)n))
		dropped = 0;
}

static void
emit(enum log_level level, const char *service, const char *fmt, va_list ap)
{
	char line[1024];
	size_t len;
	int saved = errno;

	if (!log_enabled(level))
		return;
	len = format(line, sizeof(line), level, service, fmt, ap);
	if (dropped > 0)
		note_dropped();
	if (dropped > 0 || !put_line(line, len))
		dropped++;
	errno = saved;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(level, NULL, fmt, ap);
	va_end(ap);
}

void
log_svc(enum log_level level, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(level, name, fmt, ap);
	va_end(ap);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(LL_ERROR, NULL, fmt, ap);
	va_end(ap);
	exit(code);
}
