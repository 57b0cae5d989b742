/*
 * check_parse.c: the value forms of SPEC.md ("Durations", "Booleans",
 * "Signals") and the other parsers of parse.h, at their edges. Pure: no
 * files, no processes.
 */
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "respawnd.h"
#include "unit.h"

/* A value no parser would produce, to see that a failure writes nothing
 * we then mistake for a result. */
#define POISON_MS	UINT64_C(0xdeadbeef)

static void
duration_ok(const char *text, uint64_t want)
{
	uint64_t ms = POISON_MS;

	ck_assert_msg(parse_duration(text, &ms) == 0, "'%s' rejected", text);
	ck_assert_msg(ms == want, "'%s' gave %llu, not %llu", text,
	    (unsigned long long)ms, (unsigned long long)want);
}

static void
duration_bad(const char *text)
{
	uint64_t ms = POISON_MS;

	ck_assert_msg(parse_duration(text, &ms) == -1, "'%s' accepted as %llu",
	    text, (unsigned long long)ms);
}

START_TEST(duration_units)
{
	duration_ok("250ms", 250);
	duration_ok("10s", 10000);
	duration_ok("5m", 300000);
	duration_ok("1h", 3600000);
	duration_ok("1ms", 1);
	duration_ok("0ms", 0);
	duration_ok("0s", 0);
	duration_ok("007s", 7000);
}
END_TEST

START_TEST(duration_bare_integer_is_seconds)
{
	duration_ok("0", 0);
	duration_ok("1", 1000);
	duration_ok("30", 30000);
}
END_TEST

START_TEST(duration_malformed)
{
	static const char *const bad[] = {
		"5 s", "10S", "1.5s", "-1s", "", "ms", "s", " 5s", "5s ",
		"+5s", "5sec", "5mss", "5MS", "0x10", "1h30m", "10 ", "5H",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		duration_bad(bad[i]);
}
END_TEST

START_TEST(duration_limit)
{
	/* PARSE_DURATION_MAX_MS itself is accepted, one more is not, in
	 * every unit. */
	duration_ok("4294967296ms", PARSE_DURATION_MAX_MS);
	duration_bad("4294967297ms");
	duration_ok("4294967s", UINT64_C(4294967000));
	duration_bad("4294968s");
	duration_ok("71582m", UINT64_C(4294920000));
	duration_bad("71583m");
	duration_ok("1193h", UINT64_C(4294800000));
	duration_bad("1194h");
	duration_ok("4294967", UINT64_C(4294967000));
	duration_bad("4294968");
	/* Past uint64_t itself: no wrap-around into a small value. */
	duration_bad("18446744073709551616ms");
	duration_bad("18446744073709551617");
	duration_bad("99999999999999999999999999h");
}
END_TEST

START_TEST(bool_forms)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		bool v = false;

		ck_assert_msg(parse_bool(yes[i], &v) == 0, "%s", yes[i]);
		ck_assert_msg(v == true, "%s", yes[i]);
		v = true;
		ck_assert_msg(parse_bool(no[i], &v) == 0, "%s", no[i]);
		ck_assert_msg(v == false, "%s", no[i]);
	}
}
END_TEST

START_TEST(bool_malformed)
{
	static const char *const bad[] = {
		"Yes", "YES", "True", "ON", "No", "2", "", "y", "n", "yes ",
		" no", "01", "enabled", "-1",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bool v = false;

		ck_assert_msg(parse_bool(bad[i], &v) == -1, "'%s' accepted",
		    bad[i]);
	}
}
END_TEST

static void
signal_ok(const char *text, int want)
{
	int signo = -12345;

	ck_assert_msg(parse_signal(text, &signo) == 0, "'%s' rejected", text);
	ck_assert_msg(signo == want, "'%s' gave %d, not %d", text, signo, want);
}

static void
signal_bad(const char *text)
{
	int signo = -12345;

	ck_assert_msg(parse_signal(text, &signo) == -1, "'%s' accepted as %d",
	    text, signo);
}

START_TEST(signal_names_any_case)
{
	signal_ok("TERM", SIGTERM);
	signal_ok("term", SIGTERM);
	signal_ok("sigterm", SIGTERM);
	signal_ok("SIGTERM", SIGTERM);
	signal_ok("SigTerm", SIGTERM);
	signal_ok("KILL", SIGKILL);
	signal_ok("HUP", SIGHUP);
	signal_ok("usr2", SIGUSR2);
	signal_ok("WINCH", SIGWINCH);
	signal_ok("SIGCHLD", SIGCHLD);
	signal_ok("SYS", SIGSYS);
}
END_TEST

START_TEST(signal_aliases)
{
	signal_ok("IOT", SIGABRT);
	signal_ok("SIGIOT", SIGABRT);
	signal_ok("CLD", SIGCHLD);
	signal_ok("POLL", SIGIO);
}
END_TEST

START_TEST(signal_numbers)
{
	signal_ok("15", SIGTERM);
	signal_ok("1", 1);
	signal_ok("9", SIGKILL);
	signal_ok("64", 64);
	signal_bad("0");
	signal_bad("65");
	signal_bad("-15");
	signal_bad("+15");
	signal_bad("15x");
	signal_bad("99999999999999999999");
}
END_TEST

START_TEST(signal_realtime)
{
	char text[32];

	signal_ok("RTMIN", SIGRTMIN);
	signal_ok("RTMIN+3", SIGRTMIN + 3);
	signal_ok("SIGRTMIN+3", SIGRTMIN + 3);
	signal_ok("rtmin+0", SIGRTMIN);
	signal_ok("RTMAX", SIGRTMAX);
	signal_ok("RTMAX-1", SIGRTMAX - 1);
	signal_ok("sigrtmax-2", SIGRTMAX - 2);
	/* The whole real-time range from either end, and no further (the
	 * C library decides where SIGRTMIN lies). */
	snprintf(text, sizeof(text), "RTMIN+%d", SIGRTMAX - SIGRTMIN);
	signal_ok(text, SIGRTMAX);
	snprintf(text, sizeof(text), "RTMAX-%d", SIGRTMAX - SIGRTMIN);
	signal_ok(text, SIGRTMIN);
	snprintf(text, sizeof(text), "RTMIN+%d", SIGRTMAX - SIGRTMIN + 1);
	signal_bad(text);
	snprintf(text, sizeof(text), "RTMAX-%d", SIGRTMAX - SIGRTMIN + 1);
	signal_bad(text);
	signal_bad("RTMIN+99");
	signal_bad("RTMIN+");
	signal_bad("RTMIN-1");
	signal_bad("RTMAX+1");
	signal_bad("RTMIN3");
	signal_bad("RTMIN+3x");
}
END_TEST

START_TEST(signal_malformed)
{
	signal_bad("TERMX");
	signal_bad("");
	signal_bad("SIG");
	signal_bad("SIGSIGTERM");
	signal_bad(" TERM");
	signal_bad("TERM ");
	signal_bad("SIG15");
	signal_bad("TER");
}
END_TEST

START_TEST(signal_name_canonical)
{
	ck_assert_str_eq(signal_name(SIGTERM), "TERM");
	ck_assert_str_eq(signal_name(SIGKILL), "KILL");
	ck_assert_str_eq(signal_name(SIGHUP), "HUP");
	/* Aliases are never printed. */
	ck_assert_str_eq(signal_name(SIGABRT), "ABRT");
	ck_assert_str_eq(signal_name(SIGCHLD), "CHLD");
	ck_assert_str_eq(signal_name(SIGIO), "IO");
	ck_assert_str_eq(signal_name(SIGRTMIN + 3), "RTMIN+3");
	/* No name: the number. */
	ck_assert_str_eq(signal_name(0), "0");
	ck_assert_str_eq(signal_name(99), "99");
}
END_TEST

START_TEST(signal_name_round_trip)
{
	/* Whatever signal_name() prints, parse_signal() reads back. */
	for (int signo = 1; signo < NSIG; signo++) {
		char name[32];
		int back = -1;

		strcpy(name, signal_name(signo));
		ck_assert_msg(parse_signal(name, &back) == 0, "signal %d "
		    "printed as '%s', which is rejected", signo, name);
		ck_assert_msg(back == signo, "signal %d printed as '%s', read "
		    "back as %d", signo, name, back);
	}
}
END_TEST

static void
umask_ok(const char *text, mode_t want)
{
	mode_t mask = 0123;

	ck_assert_msg(parse_umask(text, &mask) == 0, "'%s' rejected", text);
	ck_assert_msg(mask == want, "'%s' gave %o, not %o", text,
	    (unsigned)mask, (unsigned)want);
}

START_TEST(umask_octal)
{
	static const char *const bad[] = {
		"0778", "8", "01000", "", "1000", "0o22", "-22", " 022",
		"022 ", "0x1f", "9",
	};

	umask_ok("022", 022);
	umask_ok("0027", 027);
	umask_ok("0777", 0777);
	umask_ok("777", 0777);
	umask_ok("0", 0);
	umask_ok("7", 07);
	umask_ok("0000", 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mode_t mask = 0;

		ck_assert_msg(parse_umask(bad[i], &mask) == -1,
		    "'%s' accepted as %o", bad[i], (unsigned)mask);
	}
}
END_TEST

/* CODES holds exactly the statuses of WANT (terminated by -1). */
static void
exit_codes_are(const struct exit_codes *codes, const int *want)
{
	for (int status = 0; status <= 255; status++) {
		bool expected = false;

		for (const int *w = want; *w >= 0; w++)
			expected |= *w == status;
		ck_assert_msg(exit_codes_has(codes, status) == expected,
		    "status %d: %d, expected %d", status,
		    exit_codes_has(codes, status), expected);
	}
	ck_assert(!exit_codes_has(codes, -1));
	ck_assert(!exit_codes_has(codes, 256));
	ck_assert(!exit_codes_has(codes, INT_MAX));
	ck_assert(!exit_codes_has(codes, INT_MIN));
}

START_TEST(exit_codes_lists)
{
	struct exit_codes codes;
	static const int a[] = { 0, 2, 255, -1 };
	static const int b[] = { 1, 3, 4, -1 };
	static const int c[] = { 63, 64, 127, 128, 191, 192, -1 };
	static const int d[] = { 7, -1 };

	ck_assert_int_eq(parse_exit_codes("0 2 255", &codes), 0);
	exit_codes_are(&codes, a);
	ck_assert_int_eq(parse_exit_codes("  1    3\t4  ", &codes), 0);
	exit_codes_are(&codes, b);
	/* Both sides of every 64-bit word boundary of the bitmap. */
	ck_assert_int_eq(parse_exit_codes("63 64 127 128 191 192", &codes), 0);
	exit_codes_are(&codes, c);
	ck_assert_int_eq(parse_exit_codes("7 7 007", &codes), 0);
	exit_codes_are(&codes, d);
}
END_TEST

START_TEST(exit_codes_malformed)
{
	static const char *const bad[] = {
		"256", "", "a", "-1", "   ", "1,2", "0 256", "2a", "1 -1",
		"+1", "1.0", "99999999999999999999",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct exit_codes codes;

		ck_assert_msg(parse_exit_codes(bad[i], &codes) == -1,
		    "'%s' accepted", bad[i]);
	}
}
END_TEST

static void
long_ok(const char *text, long min, long max, long want)
{
	long v = 0x5a5a;

	ck_assert_msg(parse_long(text, min, max, &v) == 0,
	    "'%s' in [%ld, %ld] rejected", text, min, max);
	ck_assert_msg(v == want, "'%s' gave %ld, not %ld", text, v, want);
}

static void
long_bad(const char *text, long min, long max)
{
	long v = 0x5a5a;

	ck_assert_msg(parse_long(text, min, max, &v) == -1,
	    "'%s' in [%ld, %ld] accepted as %ld", text, min, max, v);
}

START_TEST(long_bounds)
{
	long_ok("0", 0, 10, 0);
	long_ok("10", 0, 10, 10);
	long_ok("1", 1, 10, 1);
	long_bad("11", 0, 10);
	long_bad("0", 1, 10);
	long_bad("100", 0, 10);
	long_ok("5", 5, 5, 5);
	long_bad("4", 5, 5);
	long_bad("6", 5, 5);
}
END_TEST

START_TEST(long_signs)
{
	long_ok("-5", -10, 10, -5);
	long_ok("-10", -10, 10, -10);
	long_bad("-11", -10, 10);
	long_bad("-1", 0, 10);
	long_ok("+7", 0, 10, 7);
	long_ok("-0", 0, 10, 0);
	long_bad("-", -10, 10);
	long_bad("+", -10, 10);
	long_bad("--1", -10, 10);
	long_bad("+-1", -10, 10);
	long_bad("", -10, 10);
	long_bad(" 1", -10, 10);
	long_bad("1 ", -10, 10);
	long_bad("1x", -10, 10);
	long_bad("0x10", 0, 100);
	long_bad("1e3", 0, 10000);
}
END_TEST

START_TEST(long_extremes)
{
	long_ok("9223372036854775807", LONG_MIN, LONG_MAX, LONG_MAX);
	long_bad("9223372036854775808", LONG_MIN, LONG_MAX);
	long_bad("-9223372036854775809", LONG_MIN, LONG_MAX);
	long_ok("-9223372036854775807", LONG_MIN, LONG_MAX, -LONG_MAX);
	/* LONG_MIN is a decimal integer in [LONG_MIN, LONG_MAX]. */
	long_ok("-9223372036854775808", LONG_MIN, LONG_MAX, LONG_MIN);
}
END_TEST

START_TEST(service_names)
{
	char name[64];

	memset(name, 'a', sizeof(name));
	name[RESPAWND_NAME_MAX] = '\0';
	ck_assert_uint_eq(strlen(name), 40);
	ck_assert(parse_service_name(name));
	name[RESPAWND_NAME_MAX] = 'a';
	name[RESPAWND_NAME_MAX + 1] = '\0';
	ck_assert_uint_eq(strlen(name), 41);
	ck_assert(!parse_service_name(name));

	ck_assert(parse_service_name("a"));
	ck_assert(parse_service_name("Web-1.backend_2"));
	ck_assert(parse_service_name("0"));
	ck_assert(parse_service_name("ABCxyz-._789"));
	ck_assert(!parse_service_name(""));
	ck_assert(!parse_service_name("a b"));
	ck_assert(!parse_service_name("a/b"));
	ck_assert(!parse_service_name("a:b"));
	ck_assert(!parse_service_name("a]"));
	ck_assert(!parse_service_name("a\tb"));
	ck_assert(!parse_service_name("caf\xc3\xa9"));
	ck_assert(!parse_service_name("x+y"));
	ck_assert(!parse_service_name("$x"));
}
END_TEST

START_TEST(signal_list)
{
	int signos[8] = { 0 };
	size_t bad = 999;

	ck_assert_int_eq(parse_signal_list("WINCH USR2", signos, 8, &bad), 2);
	ck_assert_int_eq(signos[0], SIGWINCH);
	ck_assert_int_eq(signos[1], SIGUSR2);

	ck_assert_int_eq(parse_signal_list("  hup\tSIGUSR1   10 RTMIN+1 ",
	    signos, 8, &bad), 4);
	ck_assert_int_eq(signos[0], SIGHUP);
	ck_assert_int_eq(signos[1], SIGUSR1);
	ck_assert_int_eq(signos[2], 10);
	ck_assert_int_eq(signos[3], SIGRTMIN + 1);

	ck_assert_int_eq(parse_signal_list("", signos, 8, &bad), 0);
	ck_assert_int_eq(parse_signal_list(" \t ", signos, 8, &bad), 0);
}
END_TEST

START_TEST(signal_list_errors)
{
	int signos[8];
	size_t bad = 999;
	char long_word[64];

	ck_assert_int_eq(parse_signal_list("WINCH BOGUS USR2", signos, 8, &bad),
	    -1);
	ck_assert_uint_eq(bad, 6);
	bad = 999;
	ck_assert_int_eq(parse_signal_list("  0", signos, 8, &bad), -1);
	ck_assert_uint_eq(bad, 2);
	/* More signals than room: the first that does not fit. */
	bad = 999;
	ck_assert_int_eq(parse_signal_list("HUP INT QUIT", signos, 2, &bad),
	    -1);
	ck_assert_uint_eq(bad, 8);
	/* A word too long for any signal name. */
	memset(long_word, 'X', sizeof(long_word));
	memcpy(long_word, "HUP ", 4);
	long_word[sizeof(long_word) - 1] = '\0';
	bad = 999;
	ck_assert_int_eq(parse_signal_list(long_word, signos, 8, &bad), -1);
	ck_assert_uint_eq(bad, 4);
}
END_TEST

Suite *
parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, duration_units);
	tcase_add_test(tc, duration_bare_integer_is_seconds);
	tcase_add_test(tc, duration_malformed);
	tcase_add_test(tc, duration_limit);
	tcase_add_test(tc, bool_forms);
	tcase_add_test(tc, bool_malformed);
	tcase_add_test(tc, signal_names_any_case);
	tcase_add_test(tc, signal_aliases);
	tcase_add_test(tc, signal_numbers);
	tcase_add_test(tc, signal_realtime);
	tcase_add_test(tc, signal_malformed);
	tcase_add_test(tc, signal_name_canonical);
	tcase_add_test(tc, signal_name_round_trip);
	tcase_add_test(tc, umask_octal);
	tcase_add_test(tc, exit_codes_lists);
	tcase_add_test(tc, exit_codes_malformed);
	tcase_add_test(tc, long_bounds);
	tcase_add_test(tc, long_signs);
	tcase_add_test(tc, long_extremes);
	tcase_add_test(tc, service_names);
	tcase_add_test(tc, signal_list);
	tcase_add_test(tc, signal_list_errors);
	suite_add_tcase(s, tc);
	return s;
}
