/*
 * words.c: POSIX shell word splitting (XCU 2.2 Quoting, 2.6.5 Field
 * Splitting with the default IFS), pure. Nothing is expanded: "$HOME",
 * "*" and "~" stay as written, because no shell runs the command.
 */
#include "words.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * One pass over TEXT. With OUT and VEC NULL it only counts; otherwise it
 * writes each word, NUL-terminated, into OUT and its start into VEC.
 */
static int
split(const char *text, char *out, char **vec, size_t *count,
    const char **error)
{
	const char *s = text;
	size_t n = 0;

	for (;;) {
		bool in_word = false;

		while (is_blank(*s))
			s++;
		if (*s == '\0')
			break;
		if (vec != NULL)
			vec[n] = out;
		while (*s != '\0' && !is_blank(*s)) {
			/* A backslash-newline alone makes no word. */
			if (s[0] != '\\' || s[1] != '\n')
				in_word = true;
			if (*s == '\\') {
				s++;
				if (*s == '\0') {
					*error = "trailing backslash";
					return -1;
				}
				if (*s == '\n') {	/* line continuation */
					s++;
					continue;
				}
				if (out != NULL)
					*out++ = *s;
				s++;
			} else if (*s == '\'') {
				const char *end = strchr(s + 1, '\'');

				if (end == NULL) {
					*error = "unbalanced single quote";
					return -1;
				}
				if (out != NULL) {
					memcpy(out, s + 1, (size_t)(end - s - 1));
					out += end - s - 1;
				}
				s = end + 1;
			} else if (*s == '"') {
				for (s++; *s != '"'; s++) {
					if (*s == '\0') {
						*error = "unbalanced double quote";
						return -1;
					}
					/* Inside "", backslash escapes only these. */
					if (*s == '\\' && s[1] != '\0' &&
					    strchr("$`\"\\\n", s[1]) != NULL) {
						s++;
						if (*s == '\n')
							continue;
					}
					if (out != NULL)
						*out++ = *s;
				}
				s++;
			} else {
				if (out != NULL)
					*out++ = *s;
				s++;
			}
		}
		if (in_word) {
			if (out != NULL)
				*out++ = '\0';
			n++;
		}
	}
	if (vec != NULL)
		vec[n] = NULL;
	*count = n;
	return 0;
}

int
words_split(const char *text, char ***words, size_t *count,
    const char **error)
{
	size_t n, len = strlen(text);
	char **vec;

	if (split(text, NULL, NULL, &n, error) < 0)
		return -1;
	/* The words never take more room than the text they came from. */
	vec = malloc((n + 1) * sizeof(*vec) + len + 1);
	if (vec == NULL) {
		*error = "out of memory";
		errno = ENOMEM;
		return -1;
	}
	split(text, (char *)(vec + n + 1), vec, &n, error);
	*words = vec;
	*count = n;
	return 0;
}
