/*
 * words.h: split a value into words the way a POSIX shell does (single and
 * double quotes, backslash), with no expansion and no shell run.
 */
#ifndef RESPAWND_WORDS_H
#define RESPAWND_WORDS_H

#include <stddef.h>

/*
 * Split TEXT. On success returns 0, *words is a NULL-terminated vector
 * in one allocation (free it with free(*words)) and *count its length.
 * On a malformed text returns -1 with *error a static message
 * ("unbalanced single quote"); with no memory returns -1, errno ENOMEM,
 * *error "out of memory".
 */
int
words_split(const char *text, char ***words, size_t *count,
    const char **error);

#endif
