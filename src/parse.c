/*
 * parse.c: the value forms of the configuration, pure: no allocation, no
 * system state. The forms are fixed by SPEC.md ("Durations", "Booleans",
 * "Signals"); anything else is rejected, never guessed at.
 */
#include "parse.h"

#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "respawnd.h"

/* Digits only, no sign, no space; fails on overflow past LIMIT. */
static int
parse_digits(const char **p, uint64_t limit, uint64_t *value)
{
	const char *s = *p;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*p = s;
	*value = v;
	return 0;
}

int
parse_duration(const char *text, uint64_t *ms)
{
	const char *s = text;
	uint64_t v, unit;

	if (parse_digits(&s, UINT64_MAX, &v) < 0)
		return -1;
	if (*s == '\0' || strcmp(s, "s") == 0)
		unit = 1000;
	else if (strcmp(s, "ms") == 0)
		unit = 1;
	else if (strcmp(s, "m") == 0)
		unit = 60 * 1000;
	else if (strcmp(s, "h") == 0)
		unit = 3600 * 1000;
	else
		return -1;
	if (v > PARSE_DURATION_MAX_MS / unit)
		return -1;
	*ms = v * unit;
	return 0;
}

int
parse_bool(const char *text, bool *value)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(text, yes[i]) == 0) {
			*value = true;
			return 0;
		}
		if (strcmp(text, no[i]) == 0) {
			*value = false;
			return 0;
		}
	}
	return -1;
}

static const struct {
	const char *name;
	int signo;
} signal_names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	/* Aliases, accepted on input, never printed. */
	{ "IOT", SIGABRT }, { "CLD", SIGCHLD }, { "POLL", SIGIO },
};

int
parse_signal(const char *text, int *signo)
{
	const char *s = text;
	uint64_t n;

	if (isdigit((unsigned char)*s)) {
		if (parse_digits(&s, INT_MAX, &n) < 0 || *s != '\0' ||
		    n < 1 || n >= (uint64_t)NSIG)
			return -1;
		*signo = (int)n;
		return 0;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]);
	    i++) {
		if (strcasecmp(s, signal_names[i].name) == 0) {
			*signo = signal_names[i].signo;
			return 0;
		}
	}
	if (strncasecmp(s, "RTMIN", 5) == 0) {
		s += 5;
		n = 0;
		if (*s == '+') {
			s++;
			if (parse_digits(&s, INT_MAX, &n) < 0)
				return -1;
		}
		if (*s != '\0' || n > (uint64_t)(SIGRTMAX - SIGRTMIN))
			return -1;
		*signo = SIGRTMIN + (int)n;
		return 0;
	}
	if (strncasecmp(s, "RTMAX", 5) == 0) {
		s += 5;
		n = 0;
		if (*s == '-') {
			s++;
			if (parse_digits(&s, INT_MAX, &n) < 0)
				return -1;
		}
		if (*s != '\0' || n > (uint64_t)(SIGRTMAX - SIGRTMIN))
			return -1;
		*signo = SIGRTMAX - (int)n;
		return 0;
	}
	return -1;
}

const char *
signal_name(int signo)
{
	static char buf[16];

	/* The table's aliases come last, so the first match is canonical. */
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]);
	    i++)
		if (signal_names[i].signo == signo)
			return signal_names[i].name;
	if (signo >= SIGRTMIN && signo <= SIGRTMAX) {
		snprintf(buf, sizeof(buf), "RTMIN+%d", signo - SIGRTMIN);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%d", signo);
	return buf;
}

int
parse_umask(const char *text, mode_t *mask)
{
	unsigned v = 0;
	size_t len = strlen(text);

	if (len == 0 || len > 4)
		return -1;
	for (const char *s = text; *s; s++) {
		if (*s < '0' || *s > '7')
			return -1;
		v = v * 8 + (unsigned)(*s - '0');
	}
	if (v > 0777)
		return -1;
	*mask = (mode_t)v;
	return 0;
}

int
parse_exit_codes(const char *text, struct exit_codes *codes)
{
	const char *s = text;
	int count = 0;

	memset(codes, 0, sizeof(*codes));
	for (;;) {
		uint64_t n;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (parse_digits(&s, 255, &n) < 0)
			return -1;
		if (*s != '\0' && *s != ' ' && *s != '\t')
			return -1;
		codes->bits[n / 64] |= UINT64_C(1) << (n % 64);
		count++;
	}
	return count > 0 ? 0 : -1;
}

bool
exit_codes_has(const struct exit_codes *codes, int status)
{
	if (status < 0 || status > 255)
		return false;
	return (codes->bits[status / 64] >> (status % 64)) & 1;
}

int
parse_long(const char *text, long min, long max, long *value)
{
	const char *s = text;
	bool negative = false;
	uint64_t n;

	if (*s == '-' || *s == '+') {
		negative = *s == '-';
		s++;
	}
	/* One more on the negative side: LONG_MIN has no positive twin. */
	if (parse_digits(&s, (uint64_t)LONG_MAX + negative, &n) < 0 ||
	    *s != '\0')
		return -1;
	long v = negative ? (long)(0 - n) : (long)n;
	if (v < min || v > max)
		return -1;
	*value = v;
	return 0;
}

bool
parse_service_name(const char *text)
{
	size_t len = strlen(text);

	if (len < 1 || len > RESPAWND_NAME_MAX)
		return false;
	for (const char *s = text; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' &&
		    *s != '-')
			return false;
	return true;
}

int
parse_signal_list(const char *text, int *signos, int max, size_t *bad)
{
	const char *s = text;
	int count = 0;

	for (;;) {
		char word[32];
		size_t len;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		len = strcspn(s, " \t");
		if (len >= sizeof(word) || count >= max) {
			*bad = (size_t)(s - text);
			return -1;
		}
		memcpy(word, s, len);
		word[len] = '\0';
		if (parse_signal(word, &signos[count]) < 0) {
			*bad = (size_t)(s - text);
			return -1;
		}
		count++;
		s += len;
	}
	return count;
}
