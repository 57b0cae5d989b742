/*
 * conf.c: the configuration file, read with inih, validated in full.
 *
 * inih's Debian build reads 200-byte lines, keeps section names under 50
 * bytes, cuts inline " ;" comments and passes no line numbers. So inih
 * reads through our own line reader, which counts lines, keeps the raw
 * line, sees every section header (inih reports none, not even an empty
 * section) and flags what inih would silently truncate. Values are kept
 * raw while the file is read (a value may continue on indented lines) and
 * validated once it is whole. Every error is reported, never only the
 * first. Nothing here touches a running service.
 */
#include "conf.h"

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <grp.h>
#include <ini.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "respawnd.h"
#include "words.h"

enum key {
	/* [respawnd] */
	K_STATE_FILE,
	K_PID_FILE,
	K_LOG_TARGET,
	K_LOG_LEVEL,
	K_SHUTDOWN_TIMEOUT,
	K_MAX_PARALLEL_STARTS,
	K_MAIN,
	K_FORWARD_SIGNALS,
	/* [service:NAME] */
	K_COMMAND,
	K_DIRECTORY,
	K_ENVIRONMENT,
	K_CLEAR_ENVIRONMENT,
	K_USER,
	K_GROUP,
	K_UMASK,
	K_RESTART,
	K_SUCCESS_EXIT_CODES,
	K_RESTART_DELAY,
	K_RESTART_DELAY_MAX,
	K_BACKOFF_FACTOR,
	K_STABLE_AFTER,
	K_MAX_RESTARTS,
	K_STOP_SIGNAL,
	K_STOP_TIMEOUT,
	K_KILL_MODE,
	K_STDOUT,
	K_STDERR,
	K_PRIORITY,
	K_COUNT,
};

#define FIRST_SERVICE_KEY K_COMMAND

static const char *const key_names[K_COUNT] = {
	[K_STATE_FILE] = "state_file",
	[K_PID_FILE] = "pid_file",
	[K_LOG_TARGET] = "log_target",
	[K_LOG_LEVEL] = "log_level",
	[K_SHUTDOWN_TIMEOUT] = "shutdown_timeout",
	[K_MAX_PARALLEL_STARTS] = "max_parallel_starts",
	[K_MAIN] = "main",
	[K_FORWARD_SIGNALS] = "forward_signals",
	[K_COMMAND] = "command",
	[K_DIRECTORY] = "directory",
	[K_ENVIRONMENT] = "environment",
	[K_CLEAR_ENVIRONMENT] = "clear_environment",
	[K_USER] = "user",
	[K_GROUP] = "group",
	[K_UMASK] = "umask",
	[K_RESTART] = "restart",
	[K_SUCCESS_EXIT_CODES] = "success_exit_codes",
	[K_RESTART_DELAY] = "restart_delay",
	[K_RESTART_DELAY_MAX] = "restart_delay_max",
	[K_BACKOFF_FACTOR] = "backoff_factor",
	[K_STABLE_AFTER] = "stable_after",
	[K_MAX_RESTARTS] = "max_restarts",
	[K_STOP_SIGNAL] = "stop_signal",
	[K_STOP_TIMEOUT] = "stop_timeout",
	[K_KILL_MODE] = "kill_mode",
	[K_STDOUT] = "stdout",
	[K_STDERR] = "stderr",
	[K_PRIORITY] = "priority",
};

/* inih copies section and key names into 50-byte buffers. */
#define INIH_NAME_MAX	50
#define SERVICE_PREFIX	"service:"
#define DEFAULT_PATH	"/usr/local/bin:/usr/bin:/bin"

struct raw {
	char *value;
	int line;
	bool cut;		/* inih cut an inline " ;" comment off it */
};

struct section {
	bool daemon;		/* [respawnd], else [service:NAME] */
	char *name;
	int line;
	struct raw keys[K_COUNT];
};

enum line_kind {
	LINE_OTHER,
	LINE_CONTINUATION,
};

struct parse {
	const char *file;
	const struct conf_opts *opts;
	FILE *stream;
	char *buf;
	size_t cap;
	int lineno;
	enum line_kind kind;	/* of the line inih is working on */
	bool cut;		/* that line has an inline comment */
	bool prev_name;		/* inih would treat indented lines as
				   continuations */
	struct section *secs;
	size_t nsecs, secs_cap;
	long cur;		/* section of the line, or CUR_NONE/BAD */
	int last_key;		/* last key line's key in this section */
	int errors;
	bool oom;
	int main_line;		/* of the main key, for a late error */
	struct conf *conf;	/* what is being built: its arena */
	struct names service_names;	/* of secs, services only */
};

/* ---- the arena of a struct conf ---- */

#define CHUNK_SIZE	(16 * 1024)

struct conf_chunk {
	struct conf_chunk *next;
	max_align_t data[];
};

static void *
grab(struct parse *p, size_t n, size_t align)
{
	struct conf *c = p->conf;
	size_t pad = (size_t)(-(uintptr_t)c->chunk_next) & (align - 1);

	if (c->chunk_next == NULL || n + pad > c->chunk_left) {
		size_t size = n + align > CHUNK_SIZE ? n + align : CHUNK_SIZE;
		struct conf_chunk *chunk = malloc(sizeof(*chunk) + size);

		if (chunk == NULL) {
			p->oom = true;
			return NULL;
		}
		chunk->next = c->chunks;
		c->chunks = chunk;
		c->chunk_next = (char *)chunk->data;
		c->chunk_left = size;
		pad = 0;
	}
	c->chunk_next += pad;
	c->chunk_left -= pad;
	void *out = c->chunk_next;
	c->chunk_next += n;
	c->chunk_left -= n;
	return out;
}

/* A copy of S (NULL stays NULL) that lives as long as the conf. */
static char *
keep(struct parse *p, const char *s)
{
	size_t n;
	char *out;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	out = grab(p, n, 1);
	if (out != NULL)
		memcpy(out, s, n);
	return out;
}

static char *
keep_fmt(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *
keep_fmt(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (out = grab(p, (size_t)n + 1, 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

/* A copy of a NULL-terminated vector of N strings, in one piece. */
static char **
keep_words(struct parse *p, char *const *words, size_t n)
{
	size_t len = 0;
	char **out, *text;

	for (size_t i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	out = grab(p, (n + 1) * sizeof(char *) + len, sizeof(char *));
	if (out == NULL)
		return NULL;
	text = (char *)(out + n + 1);
	for (size_t i = 0; i < n; i++) {
		out[i] = text;
		text = stpcpy(text, words[i]) + 1;
	}
	out[n] = NULL;
	return out;
}

#define CUR_NONE	(-1)
#define CUR_BAD		(-2)

static void
report(struct parse *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report(struct parse *p, int line, const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	p->errors++;
	if (p->opts->report != NULL)
		p->opts->report(p->opts->report_arg, p->file, line, message);
}

/* inih's own scanning rules, so the reader sees lines as inih will. */
static const char *
lskip(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* inih's ini_find_chars_or_comment(): the first of A or B (0: none), or
 * the ';' of an inline comment (white space, then ';'), or the end. */
static const char *
find_chars_or_comment(const char *s, char a, char b, bool *cut)
{
	bool was_space = false;

	for (; *s != '\0'; s++) {
		if (a != '\0' && (*s == a || *s == b))
			break;
		if (was_space && *s == ';') {
			if (cut != NULL)
				*cut = true;
			break;
		}
		was_space = *s == ' ' || (*s >= '\t' && *s <= '\r');
	}
	return s;
}

static long
add_section(struct parse *p, bool daemon, const char *name, int line)
{
	struct section *s;

	if (p->nsecs == p->secs_cap) {
		size_t cap = p->secs_cap ? p->secs_cap * 2 : 16;
		struct section *n = realloc(p->secs, cap * sizeof(*n));

		if (n == NULL) {
			p->oom = true;
			return CUR_BAD;
		}
		p->secs = n;
		p->secs_cap = cap;
	}
	s = &p->secs[p->nsecs];
	memset(s, 0, sizeof(*s));
	s->daemon = daemon;
	s->line = line;
	s->name = strdup(name);
	if (s->name == NULL) {
		p->oom = true;
		return CUR_BAD;
	}
	return (long)p->nsecs++;
}

/* Sections by name: [respawnd] is never indexed, so "respawnd" cannot
 * clash with a service of that name. */
static const char *
section_name(const void *items, size_t i)
{
	return ((const struct section *)items)[i].name;
}

static void
section_header(struct parse *p, const char *name)
{
	int line = p->lineno;

	p->last_key = -1;
	if (strcmp(name, "respawnd") == 0) {
		for (size_t i = 0; i < p->nsecs; i++) {
			if (p->secs[i].daemon) {
				report(p, line, "duplicate section [respawnd] "
				    "(first at line %d)", p->secs[i].line);
				p->cur = CUR_BAD;
				return;
			}
		}
		p->cur = add_section(p, true, name, line);
		return;
	}
	if (strncmp(name, SERVICE_PREFIX, strlen(SERVICE_PREFIX)) != 0) {
		report(p, line, "unknown section [%s] (expected [respawnd] or "
		    "[service:NAME])", name);
		p->cur = CUR_BAD;
		return;
	}
	name += strlen(SERVICE_PREFIX);
	if (!parse_service_name(name)) {
		report(p, line, "invalid service name '%s' (1 to %d of "
		    "A-Z a-z 0-9 _ . -)", name, RESPAWND_NAME_MAX);
		p->cur = CUR_BAD;
		return;
	}
	p->cur = add_section(p, false, name, line);
	if (p->cur >= 0) {
		long there = names_add(&p->service_names, p->secs,
		    section_name, (size_t)p->cur);

		if (there == -2) {
			p->oom = true;
		} else if (there >= 0) {
			report(p, line, "duplicate service '%s' (first at "
			    "line %d)", name, p->secs[there].line);
			free(p->secs[p->cur].name);
			p->nsecs--;
			p->cur = CUR_BAD;
		}
	}
}

/*
 * Classify a raw line as inih will (ini.c, ini_parse_stream), note
 * section headers and flag errors. Returns the text to hand to inih: the
 * line itself, or "" for a line that is already reported, so inih neither
 * truncates it nor reports it again.
 */
static const char *
classify(struct parse *p, char *line, size_t len)
{
	const char *start, *end;

	p->kind = LINE_OTHER;
	p->cut = false;
	if (memchr(line, '\0', len) != NULL) {
		report(p, p->lineno, "NUL byte in line");
		return "";
	}
	if (len > RESPAWND_LINE_MAX) {
		report(p, p->lineno, "line too long (%zu bytes, at most %d): "
		    "continue a long value on indented lines", len,
		    RESPAWND_LINE_MAX);
		/* What follows belongs to no section or key we know. */
		if (*lskip(line) == '[') {
			p->cur = CUR_BAD;
			p->prev_name = false;
		}
		p->last_key = -1;
		return "";
	}
	start = line;
	if (p->lineno == 1 && (unsigned char)start[0] == 0xef &&
	    (unsigned char)start[1] == 0xbb && (unsigned char)start[2] == 0xbf)
		start += 3;
	start = lskip(start);
	if (*start == '\0' || *start == ';' || *start == '#')
		return line;
	if (p->prev_name && start > line) {
		/* Debian's inih cuts " ;" comments off key lines only: cut it
		 * here too, as SPEC.md reads a continuation line. */
		p->kind = LINE_CONTINUATION;
		*(char *)find_chars_or_comment(start, '\0', '\0', &p->cut) = '\0';
		return line;
	}
	if (*start == '[') {
		char name[RESPAWND_LINE_MAX + 1];
		size_t n;

		end = find_chars_or_comment(start + 1, ']', ']', NULL);
		if (*end != ']') {
			report(p, p->lineno, "missing ']' in section header");
			p->cur = CUR_BAD;
			p->last_key = -1;
			return "";
		}
		n = (size_t)(end - start - 1);
		memcpy(name, start + 1, n);
		name[n] = '\0';
		p->prev_name = false;
		if (n >= INIH_NAME_MAX) {
			report(p, p->lineno, "section name too long (%zu bytes, "
			    "at most %d)", n, INIH_NAME_MAX - 1);
			p->cur = CUR_BAD;
			p->last_key = -1;
			return line;
		}
		section_header(p, name);
		return line;
	}
	end = find_chars_or_comment(start, '=', ':', NULL);
	if (*end != '=' && *end != ':') {
		report(p, p->lineno, "expected 'key = value'");
		return "";
	}
	find_chars_or_comment(end + 1, '\0', '\0', &p->cut);
	p->prev_name = true;
	return line;
}

/* inih's line source: one raw line at a time, counted. */
static char *
read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	ssize_t len = getline(&p->buf, &p->cap, p->stream);
	const char *text;

	if (len < 0)
		return NULL;
	p->lineno++;
	if (len > 0 && p->buf[len - 1] == '\n')
		p->buf[--len] = '\0';
	if (len > 0 && p->buf[len - 1] == '\r')
		p->buf[--len] = '\0';
	text = classify(p, p->buf, (size_t)len);
	/* classify() let through only lines that fit inih's buffer. */
	snprintf(str, (size_t)num, "%s", text);
	return str;
}

static int
find_key(const char *name, bool daemon)
{
	int first = daemon ? 0 : FIRST_SERVICE_KEY;
	int last = daemon ? FIRST_SERVICE_KEY : K_COUNT;

	for (int k = first; k < last; k++)
		if (key_names[k][0] == name[0] && strcmp(key_names[k], name) == 0)
			return k;
	return -1;
}

static int
on_value(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	struct section *s;
	struct raw *raw;
	int key;

	(void)section;	/* the reader knows it, without inih's truncation */
	if (p->cur == CUR_NONE && p->kind == LINE_CONTINUATION)
		return 1;	/* its key was already reported */
	if (p->cur == CUR_NONE) {
		report(p, p->lineno, "key '%s' outside any section", name);
		return 1;
	}
	if (p->cur == CUR_BAD)
		return 1;
	s = &p->secs[p->cur];
	if (p->kind == LINE_CONTINUATION) {
		char *joined;

		if (p->last_key < 0)
			return 1;	/* its key was already reported */
		raw = &s->keys[p->last_key];
		if (asprintf(&joined, "%s %s", raw->value, value) < 0) {
			p->oom = true;
			return 1;
		}
		free(raw->value);
		raw->value = joined;
		raw->cut |= p->cut;
		return 1;
	}
	p->last_key = -1;
	key = find_key(name, s->daemon);
	if (key < 0) {
		report(p, p->lineno, "unknown key '%s' in [%s%s]", name,
		    s->daemon ? "" : SERVICE_PREFIX, s->name);
		return 1;
	}
	raw = &s->keys[key];
	if (raw->value != NULL) {
		report(p, p->lineno, "duplicate key '%s' (first at line %d)",
		    name, raw->line);
		return 1;
	}
	raw->value = strdup(value);
	if (raw->value == NULL) {
		p->oom = true;
		return 1;
	}
	raw->line = p->lineno;
	raw->cut = p->cut;
	p->last_key = key;
	return 1;
}

/* ---- validation of whole values ---- */

static char *
join_path(struct parse *p, const char *dir, const char *path)
{
	if (path[0] == '/')
		return keep(p, path);
	return keep_fmt(p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" :
	    "/", path);
}

static bool
get_duration(struct parse *p, const struct raw *raw, uint64_t *ms)
{
	if (raw->value == NULL)
		return true;
	if (parse_duration(raw->value, ms) < 0) {
		report(p, raw->line, "invalid duration '%s' (an integer with "
		    "ms, s, m or h, e.g. 250ms, 10s)", raw->value);
		return false;
	}
	return true;
}

static bool
get_long(struct parse *p, const struct raw *raw, const char *what, long min,
    long max, long *value)
{
	if (raw->value == NULL)
		return true;
	if (parse_long(raw->value, min, max, value) < 0) {
		report(p, raw->line, "invalid %s '%s' (an integer from %ld to "
		    "%ld)", what, raw->value, min, max);
		return false;
	}
	return true;
}

static void
quote_error(struct parse *p, const struct raw *raw, const char *key,
    const char *error)
{
	if (raw->cut)
		report(p, raw->line, "%s in %s (\" ;\" begins a comment, even "
		    "inside quotes: write 'a; b', not 'a ; b')", error, key);
	else
		report(p, raw->line, "%s in %s", error, key);
}

/* The value of NAME in ENVP, or NULL. */
static const char *
env_get(char *const *envp, const char *name)
{
	size_t len = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}

static bool
same_key(const char *a, const char *b)
{
	size_t la = strcspn(a, "="), lb = strcspn(b, "=");

	return la == lb && memcmp(a, b, la) == 0;
}

/* The service's environment: ours with its pairs replacing or added. */
static char **
build_envp(struct parse *p, char *const *base, char **add, bool clear)
{
	size_t nbase = 0, nadd = 0, n = 0;
	char **envp;

	if (!clear)
		for (; base != NULL && base[nbase] != NULL; nbase++)
			;
	for (; add[nadd] != NULL; nadd++)
		;
	envp = grab(p, (nbase + nadd + 1) * sizeof(*envp), sizeof(*envp));
	if (envp == NULL)
		return NULL;
	for (size_t i = 0; i < nbase; i++) {
		bool replaced = false;

		for (size_t j = 0; j < nadd && !replaced; j++)
			replaced = same_key(base[i], add[j]);
		if (!replaced)
			envp[n++] = base[i];
	}
	for (size_t j = 0; j < nadd; j++) {
		bool later = false;

		/* The last of several pairs of one key wins, as in env(1). */
		for (size_t k = j + 1; k < nadd && !later; k++)
			later = same_key(add[j], add[k]);
		if (!later)
			envp[n++] = add[j];
	}
	envp[n] = NULL;
	return envp;
}

static bool
is_number(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static void
check_ids(struct parse *p, const struct section *s, struct svc_conf *c)
{
	const struct raw *user = &s->keys[K_USER], *group = &s->keys[K_GROUP];
	struct passwd *pw = NULL;
	long n;

	bool bad_group = false;

	if (group->value != NULL) {
		struct group *gr = getgrnam(group->value);

		if (gr != NULL) {
			c->gid = gr->gr_gid;
		} else if (is_number(group->value) &&
		    parse_long(group->value, 0, INT_MAX, &n) == 0) {
			c->gid = (gid_t)n;
		} else {
			report(p, group->line, "unknown group '%s'",
			    group->value);
			bad_group = true;
		}
		c->set_gid = !bad_group;
		c->group = keep(p, group->value);
	}
	if (user->value != NULL) {
		pw = getpwnam(user->value);
		if (pw == NULL && is_number(user->value) &&
		    parse_long(user->value, 0, INT_MAX, &n) == 0)
			pw = getpwuid((uid_t)n);
		if (pw == NULL && is_number(user->value) &&
		    parse_long(user->value, 0, INT_MAX, &n) == 0) {
			/* No passwd entry: no primary group to take. */
			if (group->value == NULL) {
				report(p, user->line, "user %s has no passwd "
				    "entry: set group as well", user->value);
				return;
			}
			c->uid = (uid_t)n;
		} else if (pw == NULL) {
			report(p, user->line, "unknown user '%s'", user->value);
			return;
		} else {
			c->uid = pw->pw_uid;
			if (!c->set_gid)
				c->gid = pw->pw_gid;
		}
		c->set_uid = c->set_gid = true;
		c->user = keep(p, user->value);
	}
	if (!c->set_gid || bad_group)
		return;
	/* Only root can set supplementary groups; others keep theirs. */
	if (p->opts->uid != 0)
		return;
	c->set_groups = true;
	if (pw != NULL) {
		gid_t *list = NULL;
		int ng = 16;

		for (;;) {
			gid_t *more = realloc(list, (size_t)ng * sizeof(*list));
			int want = ng;

			if (more == NULL) {
				free(list);
				p->oom = true;
				return;
			}
			list = more;
			if (getgrouplist(pw->pw_name, c->gid, list, &want) >= 0) {
				c->groups = grab(p, (size_t)want * sizeof(*list),
				    sizeof(*list));
				if (c->groups != NULL)
					memcpy(c->groups, list, (size_t)want *
					    sizeof(*list));
				c->ngroups = (size_t)want;
				free(list);
				return;
			}
			ng = want > ng ? want : ng * 2;
		}
	}
	c->groups = grab(p, sizeof(*c->groups), sizeof(*c->groups));
	if (c->groups == NULL)
		return;
	c->groups[0] = c->gid;
	c->ngroups = 1;
}

static void
check_output(struct parse *p, const struct raw *raw, bool is_stderr,
    const char *dir, struct output *out)
{
	out->kind = OUT_INHERIT;
	if (raw->value == NULL || strcmp(raw->value, "inherit") == 0)
		return;
	if (strcmp(raw->value, "null") == 0) {
		out->kind = OUT_NULL;
	} else if (strcmp(raw->value, "stdout") == 0) {
		if (!is_stderr) {
			report(p, raw->line, "stdout cannot be 'stdout' (inherit, "
			    "null or a file path)");
			return;
		}
		out->kind = OUT_STDOUT;
	} else if (raw->value[0] == '\0') {
		report(p, raw->line, "empty %s (inherit, null%s or a file "
		    "path)", is_stderr ? "stderr" : "stdout",
		    is_stderr ? ", stdout" : "");
	} else {
		out->kind = OUT_FILE;
		out->path = join_path(p, dir, raw->value);
	}
}

/* FNV-1a over the keys whose change restarts a service (SPEC.md, re-exec),
 * each followed by a separator, so ("ab","c") and ("a","bc") differ. It
 * crosses re-execs in state files: a new version that computed it
 * differently would restart every service on upgrade. */
static uint64_t
digest_add(uint64_t h, const void *data, size_t len)
{
	return fnv1a(fnv1a_words(h, data, len), "\xff", 1);
}

static uint64_t
digest_str(uint64_t h, const char *s)
{
	return s == NULL ? digest_add(h, "\x01", 1) : digest_add(h, s,
	    strlen(s) + 1);
}

static uint64_t
definition_digest(const struct svc_conf *c)
{
	uint64_t h = FNV1A_INIT;
	char buf[64];

	h = digest_add(h, &c->argv_digest, sizeof(c->argv_digest));
	h = digest_str(h, c->exec_path);
	h = digest_str(h, c->search_path);
	h = digest_str(h, c->directory);
	for (char **e = c->environment; e != NULL && *e != NULL; e++)
		h = digest_str(h, *e);
	snprintf(buf, sizeof(buf), "%d %d:%u %d:%u %d:%o %d %d", c->clear_environment,
	    c->set_uid, (unsigned)c->uid, c->set_gid, (unsigned)c->gid,
	    c->set_umask, (unsigned)c->umask, c->kill_mode, c->foreground);
	h = digest_str(h, buf);
	for (size_t i = 0; i < c->ngroups; i++) {
		snprintf(buf, sizeof(buf), "%u", (unsigned)c->groups[i]);
		h = digest_str(h, buf);
	}
	snprintf(buf, sizeof(buf), "%d %d", c->out.kind, c->err.kind);
	h = digest_str(h, buf);
	h = digest_str(h, c->out.path);
	h = digest_str(h, c->err.path);
	return h;
}

/* success_exit_codes = 0, shared by every service that keeps it. */
static const struct exit_codes success_zero = { .bits = { 1 } };

static void
set_service_defaults(struct svc_conf *c)
{
	c->restart = RESTART_ALWAYS;
	c->success = &success_zero;
	c->backoff = (struct backoff_policy){
		.delay_ms = 100,
		.delay_max_ms = 30 * 1000,
		.stable_after_ms = 10 * 1000,
		.factor = 2,
		.max_restarts = 0,
	};
	c->stop_signal = SIGTERM;
	c->stop_timeout_ms = 10 * 1000;
	c->kill_mode = KILL_GROUP;
	c->priority = 100;
}

/* Fill what command, environment and paths imply. */
static void
finish_command(struct parse *p, struct svc_conf *c, const char *prog_dir)
{
	const char *path = NULL;

	/* As /proc/PID/cmdline will show it: every word and its NUL. */
	c->argv_digest = FNV1A_INIT;
	for (char **w = c->argv; *w != NULL; w++)
		c->argv_digest = fnv1a(c->argv_digest, *w, strlen(*w) + 1);
	if (c->argv[0][0] == '/')
		c->exec_path = c->argv[0];	/* already absolute */
	else if (strchr(c->argv[0], '/') != NULL)
		c->exec_path = join_path(p, prog_dir, c->argv[0]);
	if (c->environment != NULL || c->clear_environment) {
		static char *none[] = { NULL };

		c->envp = build_envp(p, p->opts->environ,
		    c->environment ? c->environment : none,
		    c->clear_environment);
		path = env_get(c->envp, "PATH");
	} else {
		path = env_get(p->opts->environ, "PATH");
	}
	c->search_path = path != NULL ? path : DEFAULT_PATH;
}

static void
check_service(struct parse *p, const struct section *s, const char *dir,
    struct svc_conf *c)
{
	const struct raw *k = s->keys;
	const char *error;
	size_t n;
	long v;

	struct exit_codes *codes;
	char **words;

	set_service_defaults(c);
	c->name = keep(p, s->name);
	c->line = s->line;
	if (k[K_COMMAND].value == NULL) {
		report(p, s->line, "service '%s' has no command", s->name);
	} else if (words_split(k[K_COMMAND].value, &words, &n, &error) < 0) {
		quote_error(p, &k[K_COMMAND], "command", error);
	} else {
		if (n == 0)
			report(p, k[K_COMMAND].line, "empty command");
		else
			c->argv = keep_words(p, words, n);
		free(words);
	}
	if (k[K_DIRECTORY].value == NULL)
		c->directory = p->conf->dir;	/* shared, not copied */
	else if (k[K_DIRECTORY].value[0] == '\0')
		report(p, k[K_DIRECTORY].line, "empty directory");
	else
		c->directory = join_path(p, dir, k[K_DIRECTORY].value);
	if (k[K_ENVIRONMENT].value != NULL) {
		if (words_split(k[K_ENVIRONMENT].value, &words, &n,
		    &error) < 0) {
			quote_error(p, &k[K_ENVIRONMENT], "environment", error);
		} else {
			for (size_t i = 0; i < n; i++) {
				const char *e = words[i];

				if (e[0] == '=' || strchr(e, '=') == NULL) {
					report(p, k[K_ENVIRONMENT].line,
					    "invalid environment entry '%s' "
					    "(KEY=VALUE)", e);
					break;
				}
			}
			c->environment = keep_words(p, words, n);
			free(words);
		}
	}
	if (k[K_CLEAR_ENVIRONMENT].value != NULL &&
	    parse_bool(k[K_CLEAR_ENVIRONMENT].value,
	    &c->clear_environment) < 0)
		report(p, k[K_CLEAR_ENVIRONMENT].line, "invalid boolean '%s' "
		    "(yes/no, true/false, on/off, 1/0)",
		    k[K_CLEAR_ENVIRONMENT].value);
	check_ids(p, s, c);
	if (k[K_UMASK].value != NULL) {
		if (parse_umask(k[K_UMASK].value, &c->umask) < 0)
			report(p, k[K_UMASK].line, "invalid umask '%s' (octal, "
			    "at most 0777)", k[K_UMASK].value);
		c->set_umask = true;
	}
	if (k[K_RESTART].value != NULL) {
		const char *r = k[K_RESTART].value;

		if (strcmp(r, "always") == 0)
			c->restart = RESTART_ALWAYS;
		else if (strcmp(r, "on-failure") == 0)
			c->restart = RESTART_ON_FAILURE;
		else if (strcmp(r, "never") == 0)
			c->restart = RESTART_NEVER;
		else
			report(p, k[K_RESTART].line, "invalid restart '%s' "
			    "(always, on-failure or never)", r);
	}
	if (k[K_SUCCESS_EXIT_CODES].value != NULL &&
	    (c->success = codes = grab(p, sizeof(*codes),
	    _Alignof(struct exit_codes))) != NULL &&
	    parse_exit_codes(k[K_SUCCESS_EXIT_CODES].value, codes) < 0)
		report(p, k[K_SUCCESS_EXIT_CODES].line, "invalid exit codes "
		    "'%s' (integers from 0 to 255, separated by spaces)",
		    k[K_SUCCESS_EXIT_CODES].value);
	get_duration(p, &k[K_RESTART_DELAY], &c->backoff.delay_ms);
	get_duration(p, &k[K_RESTART_DELAY_MAX], &c->backoff.delay_max_ms);
	get_duration(p, &k[K_STABLE_AFTER], &c->backoff.stable_after_ms);
	get_duration(p, &k[K_STOP_TIMEOUT], &c->stop_timeout_ms);
	v = c->backoff.factor;
	if (get_long(p, &k[K_BACKOFF_FACTOR], "backoff_factor", 1, 10, &v))
		c->backoff.factor = (unsigned)v;
	v = 0;
	if (get_long(p, &k[K_MAX_RESTARTS], "max_restarts", 0, 1000000000L,
	    &v))
		c->backoff.max_restarts = (unsigned)v;
	get_long(p, &k[K_PRIORITY], "priority", -1000000000L, 1000000000L,
	    &c->priority);
	if (k[K_STOP_SIGNAL].value != NULL &&
	    parse_signal(k[K_STOP_SIGNAL].value, &c->stop_signal) < 0)
		report(p, k[K_STOP_SIGNAL].line, "invalid signal '%s' (a name "
		    "such as TERM or SIGTERM, RTMIN+N, or a number)",
		    k[K_STOP_SIGNAL].value);
	if (k[K_KILL_MODE].value != NULL) {
		if (strcmp(k[K_KILL_MODE].value, "group") == 0)
			c->kill_mode = KILL_GROUP;
		else if (strcmp(k[K_KILL_MODE].value, "process") == 0)
			c->kill_mode = KILL_PROCESS;
		else
			report(p, k[K_KILL_MODE].line, "invalid kill_mode '%s' "
			    "(group or process)", k[K_KILL_MODE].value);
	}
	check_output(p, &k[K_STDOUT], false, dir, &c->out);
	check_output(p, &k[K_STDERR], true, dir, &c->err);
	if (c->argv != NULL)
		finish_command(p, c, dir);
}

static void
check_daemon(struct parse *p, const struct section *s, struct conf *conf)
{
	const struct raw *k = s->keys;
	long v;

	if (k[K_STATE_FILE].value != NULL) {
		if (k[K_STATE_FILE].value[0] == '\0')
			report(p, k[K_STATE_FILE].line, "empty state_file");
		else
			conf->state_file = join_path(p, conf->dir,
			    k[K_STATE_FILE].value);
	}
	if (k[K_PID_FILE].value != NULL) {
		if (k[K_PID_FILE].value[0] == '\0')
			report(p, k[K_PID_FILE].line, "empty pid_file");
		else
			conf->pid_file = join_path(p, conf->dir,
			    k[K_PID_FILE].value);
	}
	if (k[K_LOG_TARGET].value != NULL) {
		if (strcmp(k[K_LOG_TARGET].value, "stderr") == 0)
			conf->log_target = LOG_TO_STDERR;
		else if (strcmp(k[K_LOG_TARGET].value, "syslog") == 0)
			conf->log_target = LOG_TO_SYSLOG;
		else
			report(p, k[K_LOG_TARGET].line, "invalid log_target "
			    "'%s' (stderr or syslog)", k[K_LOG_TARGET].value);
	}
	if (k[K_LOG_LEVEL].value != NULL) {
		enum log_level l;

		for (l = LL_ERROR; l <= LL_DEBUG; l++)
			if (strcmp(k[K_LOG_LEVEL].value, log_level_name(l)) == 0)
				break;
		if (l > LL_DEBUG)
			report(p, k[K_LOG_LEVEL].line, "invalid log_level '%s' "
			    "(error, warn, info or debug)",
			    k[K_LOG_LEVEL].value);
		else
			conf->log_level = l;
	}
	get_duration(p, &k[K_SHUTDOWN_TIMEOUT], &conf->shutdown_timeout_ms);
	v = 0;
	if (get_long(p, &k[K_MAX_PARALLEL_STARTS], "max_parallel_starts", 0,
	    1000000, &v))
		conf->max_parallel_starts = (unsigned)v;
	if (k[K_MAIN].value != NULL) {
		if (p->opts->main_argv != NULL)
			report(p, k[K_MAIN].line, "main is set here and a "
			    "command follows \"--\": choose one");
		else if (!parse_service_name(k[K_MAIN].value))
			report(p, k[K_MAIN].line, "invalid service name '%s'",
			    k[K_MAIN].value);
		else
			conf->main = keep(p, k[K_MAIN].value);
		p->main_line = k[K_MAIN].line;
	}
	if (k[K_FORWARD_SIGNALS].value != NULL) {
		size_t bad;
		int n = parse_signal_list(k[K_FORWARD_SIGNALS].value,
		    conf->forward_signals, NSIG, &bad);

		if (n < 0) {
			report(p, k[K_FORWARD_SIGNALS].line, "invalid signal in "
			    "forward_signals at '%s'",
			    k[K_FORWARD_SIGNALS].value + bad);
			return;
		}
		conf->nforward = n;
		for (int i = 0; i < n; i++) {
			int sig = conf->forward_signals[i];

			if (sig == SIGTERM || sig == SIGINT || sig == SIGCHLD ||
			    sig == SIGKILL || sig == SIGSTOP)
				report(p, k[K_FORWARD_SIGNALS].line,
				    "forward_signals cannot list %s",
				    signal_name(sig));
		}
		if (k[K_MAIN].value == NULL && p->opts->main_argv == NULL)
			report(p, k[K_FORWARD_SIGNALS].line, "forward_signals "
			    "needs a main service");
	}
}

static void
default_state_file(struct parse *p, struct conf *conf)
{
	const char *xdg = env_get(p->opts->environ, "XDG_RUNTIME_DIR");
	char pid[32] = "";

	if (conf->dash_form)
		snprintf(pid, sizeof(pid), ".%ld", (long)p->opts->pid);
	if (p->opts->uid == 0)
		conf->state_file = keep_fmt(p, "/run/respawnd%s.state", pid);
	else if (xdg != NULL && xdg[0] == '/')
		conf->state_file = keep_fmt(p, "%s/respawnd%s.state", xdg, pid);
	else
		conf->state_file = keep_fmt(p, "/tmp/respawnd-%ld%s.state",
		    (long)p->opts->uid, pid);
}

static const char *
svc_conf_name(const void *items, size_t i)
{
	const char *name = ((const struct svc_conf *)items)[i].name;

	return name != NULL ? name : "";
}

/* The command after "--": service "main", restart = never. */
static void
add_dash_main(struct parse *p, struct conf *conf)
{
	struct svc_conf *c = &conf->svcs[conf->nsvcs];
	size_t n;

	memset(c, 0, sizeof(*c));
	set_service_defaults(c);
	c->restart = RESTART_NEVER;
	c->name = keep(p, "main");
	conf->main = c->name;
	c->foreground = conf->dash_form;
	for (n = 0; p->opts->main_argv[n] != NULL; n++)
		;
	c->argv = keep_words(p, p->opts->main_argv, n);
	c->directory = keep(p, p->opts->cwd);
	if (c->argv == NULL || c->directory == NULL)
		return;
	finish_command(p, c, p->opts->cwd);
	conf->nsvcs++;
	if (names_add(&conf->names, conf->svcs, svc_conf_name,
	    conf->nsvcs - 1) == -2)
		p->oom = true;
}

static void
free_sections(struct parse *p)
{
	for (size_t i = 0; i < p->nsecs; i++) {
		free(p->secs[i].name);
		for (int k = 0; k < K_COUNT; k++)
			free(p->secs[i].keys[k].value);
	}
	free(p->secs);
	free(p->buf);
	names_free(&p->service_names);
}

static char *
dir_of(struct parse *p, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == path)
		return keep(p, "/");
	return keep_fmt(p, "%.*s", (int)(slash - path), path);
}

static int
read_file(struct parse *p, const char *path, struct conf *conf)
{
	char *abs = join_path(p, p->opts->cwd, path);
	int error;

	if (abs == NULL)
		return -1;
	conf->dir = dir_of(p, abs);
	if (conf->dir == NULL)
		return -1;
	p->stream = fopen(path, "re");
	if (p->stream == NULL) {
		report(p, 0, "unable to open: %s", strerror(errno));
		return -1;
	}
	error = ini_parse_stream(read_line, p, on_value, p);
	if (ferror(p->stream))
		report(p, 0, "unable to read: %s", strerror(errno));
	else if (error > 0 && p->errors == 0)
		report(p, error, "syntax error");	/* ours missed it */
	fclose(p->stream);
	return 0;
}

struct conf *
conf_load(const char *path, const struct conf_opts *opts)
{
	struct parse p = {
		.file = path != NULL ? path : "respawnd",
		.opts = opts,
		.cur = CUR_NONE,
		.last_key = -1,
	};
	struct conf *conf = calloc(1, sizeof(*conf));
	size_t nservices = 0;

	if (conf == NULL)
		return NULL;
	p.conf = conf;
	conf->log_target = LOG_TO_STDERR;
	conf->log_level = LL_INFO;
	conf->shutdown_timeout_ms = 30 * 1000;
	conf->dash_form = path == NULL;
	if (path != NULL) {
		conf->path = keep(&p, path);
		if (conf->path == NULL || read_file(&p, path, conf) < 0)
			goto out;
	} else {
		conf->dir = keep(&p, opts->cwd);
	}
	for (size_t i = 0; i < p.nsecs; i++)
		nservices += !p.secs[i].daemon;
	conf->svcs = calloc(nservices + 1, sizeof(*conf->svcs));
	if (conf->svcs == NULL || conf->dir == NULL) {
		p.oom = true;
		goto out;
	}
	for (size_t i = 0; i < p.nsecs; i++) {
		if (p.secs[i].daemon)
			check_daemon(&p, &p.secs[i], conf);
		else
			check_service(&p, &p.secs[i], conf->dir,
			    &conf->svcs[conf->nsvcs++]);
	}
	if (names_build(&conf->names, conf->svcs, conf->nsvcs, svc_conf_name,
	    NULL) < 0)
		p.oom = true;
	if (opts->main_argv != NULL) {
		if (conf_find(conf, "main") != NULL)
			report(&p, conf_find(conf, "main")->line, "service "
			    "'main' is taken by the command after \"--\"");
		else
			add_dash_main(&p, conf);
	}
	if (conf->main != NULL && conf_find(conf, conf->main) == NULL)
		report(&p, p.main_line, "main names no service: '%s'",
		    conf->main);
	for (size_t i = 0; i < conf->nsvcs; i++) {
		struct svc_conf *c = &conf->svcs[i];

		c->is_main = conf->main != NULL &&
		    strcmp(c->name, conf->main) == 0;
		c->digest = definition_digest(c);
	}
	if (opts->state_file != NULL) {
		conf->state_file = join_path(&p, opts->cwd, opts->state_file);
	} else if (conf->state_file == NULL) {
		default_state_file(&p, conf);
	}
out:
	free_sections(&p);
	if (p.oom && p.errors == 0)
		report(&p, 0, "out of memory");
	if (p.errors > 0) {
		conf_free(conf);
		return NULL;
	}
	return conf;
}

const struct svc_conf *
conf_find(const struct conf *conf, const char *name)
{
	long i = names_find(&conf->names, conf->svcs, svc_conf_name, name);

	return i < 0 ? NULL : &conf->svcs[i];
}

void
conf_free(struct conf *conf)
{
	if (conf == NULL)
		return;
	while (conf->chunks != NULL) {
		struct conf_chunk *next = conf->chunks->next;

		free(conf->chunks);
		conf->chunks = next;
	}
	names_free(&conf->names);
	free(conf->svcs);
	free(conf);
}
