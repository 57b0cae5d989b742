/*
 * check_words.c: words_split() against what a POSIX shell would make of
 * the same text (XCU 2.2 Quoting), minus every expansion: no shell runs
 * a command, so "$HOME" and "*" must reach the program as written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "words.h"

/*
 * Split TEXT and compare with WANT (NULL-terminated). Checks the count,
 * each word, the NULL at the end and that every word lies inside the
 * one allocation, which is then released with a single free() (ASan
 * reports a leak if the words were allocated apart).
 */
static void
split_is(const char *text, const char *const *want)
{
	char **words = NULL;
	size_t count = 12345, n = 0;
	const char *error = NULL;

	ck_assert_msg(words_split(text, &words, &count, &error) == 0,
	    "'%s' rejected: %s", text, error != NULL ? error : "?");
	ck_assert_ptr_nonnull(words);
	while (want[n] != NULL)
		n++;
	ck_assert_msg(count == n, "'%s': %zu words, expected %zu", text, count,
	    n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(words[i]);
		ck_assert_msg(strcmp(words[i], want[i]) == 0,
		    "'%s': word %zu is '%s', expected '%s'", text, i, words[i],
		    want[i]);
		/* Inside the block that starts with the vector. */
		ck_assert((uintptr_t)words[i] > (uintptr_t)&words[n]);
	}
	ck_assert_ptr_null(words[n]);
	free(words);
}

static void
split_fails(const char *text, const char *message)
{
	char **words = NULL;
	size_t count = 0;
	const char *error = NULL;

	ck_assert_msg(words_split(text, &words, &count, &error) == -1,
	    "'%s' accepted", text);
	ck_assert_ptr_nonnull(error);
	ck_assert_str_eq(error, message);
}

START_TEST(plain_words)
{
	static const char *const a[] = { "/bin/echo", "a", "b", NULL };
	static const char *const one[] = { "x", NULL };

	split_is("/bin/echo a b", a);
	split_is("x", one);
}
END_TEST

START_TEST(runs_of_blanks)
{
	static const char *const a[] = { "a", "b", "c", NULL };
	static const char *const none[] = { NULL };

	split_is("   a \t\t b\n\n c   ", a);
	split_is("a\tb\nc", a);
	split_is("", none);
	split_is(" \t\n ", none);
}
END_TEST

START_TEST(single_quotes)
{
	static const char *const a[] = { "a b", "c", NULL };
	static const char *const b[] = { "a\\b", NULL };
	static const char *const c[] = { "say \"hi\" $X", NULL };
	static const char *const d[] = { "  ", NULL };

	split_is("'a b' c", a);
	/* Nothing is special between single quotes, backslash included. */
	split_is("'a\\b'", b);
	split_is("'say \"hi\" $X'", c);
	split_is("'  '", d);
}
END_TEST

START_TEST(double_quotes)
{
	static const char *const a[] = { "a b", "c", NULL };
	static const char *const b[] = { "q\"q", "b\\s", "d$", "`x`", NULL };
	static const char *const c[] = { "a\\nb", NULL };
	static const char *const d[] = { "\\x\\'", NULL };
	static const char *const e[] = { "it's", NULL };

	split_is("\"a b\" c", a);
	/* Inside "", backslash escapes only $ ` " \ and newline. */
	split_is("\"q\\\"q\" \"b\\\\s\" \"d\\$\" \"\\`x\\`\"", b);
	/* A backslash and an n stay two characters: no C escapes. */
	split_is("\"a\\nb\"", c);
	split_is("\"\\x\\'\"", d);
	split_is("\"it's\"", e);
}
END_TEST

START_TEST(backslash_outside_quotes)
{
	static const char *const a[] = { "a b", NULL };
	static const char *const b[] = { "'", "\"", "\\", "n", NULL };
	static const char *const c[] = { "ab", NULL };
	static const char *const d[] = { "a", "b", NULL };

	split_is("a\\ b", a);
	split_is("\\' \\\" \\\\ \\n", b);
	/* Backslash-newline is a line continuation, inside a word or not. */
	split_is("a\\\nb", c);
	split_is("a \\\n b", d);
}
END_TEST

START_TEST(empty_words)
{
	static const char *const a[] = { "", NULL };
	static const char *const b[] = { "a", "", "b", NULL };
	static const char *const c[] = { "a", NULL };

	split_is("\"\"", a);
	split_is("''", a);
	split_is("a \"\" b", b);
	split_is("a '' b", b);
	/* An empty quoted part next to text adds nothing to it. */
	split_is("a\"\"", c);
	split_is("''a", c);
}
END_TEST

START_TEST(adjacent_parts_join)
{
	static const char *const a[] = { "abc", NULL };
	static const char *const b[] = { "--opt=a b", "x", NULL };
	static const char *const c[] = { "a'b\"c", NULL };

	split_is("\"a\"'b'c", a);
	split_is("--opt=\"a b\" x", b);
	split_is("a\\''b\"'c", c);
}
END_TEST

START_TEST(no_expansion)
{
	static const char *const a[] = { "$HOME", "*", "~/x", "${A:-b}",
	    "$(id)", "a;b", "|", "&&", NULL };
	static const char *const b[] = { "$HOME", NULL };

	split_is("$HOME * ~/x ${A:-b} $(id) a;b | &&", a);
	split_is("\"$HOME\"", b);
}
END_TEST

START_TEST(malformed)
{
	split_fails("'abc", "unbalanced single quote");
	split_fails("a 'b c", "unbalanced single quote");
	split_fails("\"abc", "unbalanced double quote");
	split_fails("a \"b\\\"", "unbalanced double quote");
	split_fails("'a'\"", "unbalanced double quote");
	split_fails("abc\\", "trailing backslash");
	split_fails("\\", "trailing backslash");
}
END_TEST

START_TEST(long_text)
{
	/* Many words and one long one: the size estimate must hold. */
	char text[4096];
	char **words = NULL;
	size_t count = 0, len = 0;
	const char *error = NULL;

	for (int i = 0; i < 500; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%c ",
		    'a' + i % 26);
	ck_assert_int_eq(words_split(text, &words, &count, &error), 0);
	ck_assert_uint_eq(count, 500);
	ck_assert_str_eq(words[0], "a");
	ck_assert_str_eq(words[499], "f");
	ck_assert_ptr_null(words[500]);
	free(words);

	memset(text, 'z', sizeof(text) - 1);
	text[0] = '"';
	text[sizeof(text) - 2] = '"';
	text[sizeof(text) - 1] = '\0';
	ck_assert_int_eq(words_split(text, &words, &count, &error), 0);
	ck_assert_uint_eq(count, 1);
	ck_assert_uint_eq(strlen(words[0]), sizeof(text) - 3);
	ck_assert_ptr_null(words[1]);
	free(words);
}
END_TEST

Suite *
words_suite(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, plain_words);
	tcase_add_test(tc, runs_of_blanks);
	tcase_add_test(tc, single_quotes);
	tcase_add_test(tc, double_quotes);
	tcase_add_test(tc, backslash_outside_quotes);
	tcase_add_test(tc, empty_words);
	tcase_add_test(tc, adjacent_parts_join);
	tcase_add_test(tc, no_expansion);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, long_text);
	suite_add_tcase(s, tc);
	return s;
}
