/*
 * check_proc.c: proc_parse_stat() on /proc/PID/stat text, real and
 * hostile. The name (field 2) is whatever the process chose, so it may
 * hold ") (", spaces, digits and ')' of its own; a misread would adopt a
 * stranger or signal the wrong pid.
 */
#include <stdio.h>
#include <string.h>

#include "proc.h"
#include "unit.h"

/* A line as Linux writes it, captured from cat(1): pid 31098, parent
 * 31055, group 31055, start time 235398 (field 22). */
static const char real_line[] =
    "31098 (cat) R 31055 31055 29717 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 "
    "1 0 235398 3133440 382 18446744073709551615 94606298095616 "
    "94606298115497 140727166973936 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 "
    "94606298131504 94606298133120 94607268843520 140727166978688 "
    "140727166978708 140727166978708 140727166980075 0\n";

/* Fields 4 to 22 after "PID (NAME) STATE", with the three we read. */
static void
make_line(char *buf, size_t size, const char *name, char state, long ppid,
    long pgrp, const char *start)
{
	snprintf(buf, size, "77 (%s) %c %ld %ld 77 34816 77 4194560 1 2 3 4 "
	    "5 6 7 8 20 0 1 0 %s 9999 42 18446744073709551615 1 2 3\n", name,
	    state, ppid, pgrp, start);
}

static void
stat_is(const char *text, char state, pid_t ppid, pid_t pgrp,
    unsigned long long start)
{
	struct proc_stat st;

	memset(&st, 0x5a, sizeof(st));
	ck_assert_msg(proc_parse_stat(text, &st) == 0, "rejected: %s", text);
	ck_assert_int_eq(st.state, state);
	ck_assert_int_eq(st.ppid, ppid);
	ck_assert_int_eq(st.pgrp, pgrp);
	ck_assert_msg(st.start_time == start, "start %llu, expected %llu",
	    st.start_time, start);
}

static void
stat_bad(const char *text)
{
	struct proc_stat st;

	ck_assert_msg(proc_parse_stat(text, &st) == -1, "accepted: '%s'", text);
}

START_TEST(real_line_parses)
{
	stat_is(real_line, 'R', 31055, 31055, 235398);
}
END_TEST

START_TEST(no_trailing_newline)
{
	/* Field 22 may be the last thing read. */
	stat_is("1 (init) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12",
	    'S', 0, 1, 12);
}
END_TEST

START_TEST(hostile_names)
{
	static const char *const names[] = {
		") (",
		"a) (b",
		"x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19",
		"))))",
		"(",
		"()",
		" ",
		"",
		"a b c",
		"1 2 3)",
		"name\nwith newline",
		"tab\there",
	};
	char line[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		make_line(line, sizeof(line), names[i], 'S', 4242, 4343,
		    "98765432");
		stat_is(line, 'S', 4242, 4343, 98765432);
	}
}
END_TEST

START_TEST(every_state)
{
	static const char states[] = "RSDZTtXIPWK";
	char line[512];

	for (const char *c = states; *c; c++) {
		make_line(line, sizeof(line), "sh", *c, 1, 2, "3");
		stat_is(line, *c, 1, 2, 3);
	}
}
END_TEST

START_TEST(negative_fields)
{
	/* tty_nr and tpgid are -1 without a terminal, nice may be -20. */
	stat_is("9 (d) S 1 9 9 -1 -1 4194560 1 2 3 4 5 6 7 8 0 -20 1 0 555 "
	    "1 2\n", 'S', 1, 9, 555);
	stat_is("9 (d) S 1 9 9 -9223372036854775808 -1 1 1 2 3 4 5 6 7 8 -100 "
	    "-20 1 0 777\n", 'S', 1, 9, 777);
}
END_TEST

START_TEST(large_start_time)
{
	char line[512];

	make_line(line, sizeof(line), "x", 'S', 1, 1, "18446744073709551615");
	stat_is(line, 'S', 1, 1, 18446744073709551615ULL);
	/* One more does not fit: not silently ULLONG_MAX or 0. */
	make_line(line, sizeof(line), "x", 'S', 1, 1, "18446744073709551616");
	stat_bad(line);
	make_line(line, sizeof(line), "x", 'S', 4194304, 4194304, "1");
	stat_is(line, 'S', 4194304, 4194304, 1);
}
END_TEST

START_TEST(truncated)
{
	char line[sizeof(real_line)];
	const char *field22 = real_line;

	/* Field 22 starts after the 21st space. */
	for (int sp = 0; sp < 21; sp++)
		field22 = strchr(field22, ' ') + 1;
	ck_assert(strncmp(field22, "235398 ", 7) == 0);
	/* Every cut of the real line before a digit of field 22. */
	for (size_t cut = 0; real_line + cut <= field22; cut++) {
		memcpy(line, real_line, cut);
		line[cut] = '\0';
		stat_bad(line);
	}
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0");
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 ");
	stat_bad("1 (x) S");
	stat_bad("1 (x) ");
	stat_bad("1 (x)");
	stat_bad("1 (x");
}
END_TEST

START_TEST(garbage)
{
	stat_bad("");
	stat_bad("hello");
	stat_bad("\n");
	stat_bad(")");
	stat_bad(") ");
	/* No space after the name. */
	stat_bad("1 (x)S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12");
	/* Letters where numbers belong. */
	stat_bad("1 (x) S abc 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12");
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 x12");
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 -");
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1x 0 12");
	/* Fields run together: a comma is no separator. */
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1,0 12");
	stat_bad("1 (x) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0\t12");
	/* A two-letter state. */
	stat_bad("1 (x) SS 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12");
}
END_TEST

Suite *
proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("proc");

	tcase_add_test(tc, real_line_parses);
	tcase_add_test(tc, no_trailing_newline);
	tcase_add_test(tc, hostile_names);
	tcase_add_test(tc, every_state);
	tcase_add_test(tc, negative_fields);
	tcase_add_test(tc, large_start_time);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, garbage);
	suite_add_tcase(s, tc);
	return s;
}
