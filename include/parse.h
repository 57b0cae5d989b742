/*
 * parse.h: pure parsers for the value forms of the configuration
 * (durations, booleans, signals, octal, exit codes, names, integers).
 * Each returns 0 on success and -1 when the text is not of the form;
 * none allocates, none reads the clock or the system.
 */
#ifndef RESPAWND_PARSE_H
#define RESPAWND_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The largest duration accepted: about 49 days, far beyond any sane delay
 * and well inside the timer wheel's range. */
#define PARSE_DURATION_MAX_MS	(UINT64_C(1) << 32)

/* "250ms", "10s", "5m", "1h", a bare integer (seconds). */
int
parse_duration(const char *text, uint64_t *ms);

/* yes/no, true/false, on/off, 1/0. */
int
parse_bool(const char *text, bool *value);

/* "TERM", "sigterm", "SIGRTMIN+3", "RTMIN+3", "15". */
int
parse_signal(const char *text, int *signo);

/* A signal's name without "SIG" ("TERM", "RTMIN+2"), or its number in
 * decimal for one with no name. Returns a static buffer for the latter. */
const char *
signal_name(int signo);

/* An octal mode of at most 0777 ("022", "0027"). */
int
parse_umask(const char *text, mode_t *mask);

/* A bitmap of 256 bits: "0 2 143" sets bits 0, 2 and 143. At least one. */
struct exit_codes {
	uint64_t bits[4];
};

int
parse_exit_codes(const char *text, struct exit_codes *codes);

bool
exit_codes_has(const struct exit_codes *codes, int status);

/* A decimal integer in [min, max], optionally signed. */
int
parse_long(const char *text, long min, long max, long *value);

/* 1 to RESPAWND_NAME_MAX of A-Z a-z 0-9 _ . - */
bool
parse_service_name(const char *text);

/* A space-separated list of signals into SIGNOS (at most MAX); returns the
 * count, or -1 and the offending word's offset in *bad. */
int
parse_signal_list(const char *text, int *signos, int max, size_t *bad);

#endif
