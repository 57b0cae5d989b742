/*
 * statefile.c: the state file's format. The writer formats numbers and
 * escapes paths by hand, without allocating, so that it is
 * async-signal-safe: the crash handler uses it. The reader trusts
 * nothing: every line, field and value is checked, and the file as a
 * whole must carry its magic, version, record count and checksum.
 */
#include "statefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "parse.h"

/* Larger files are not ours: 1 MiB of records is 5,000 services. */
#define STATEFILE_SIZE_MAX	(64 * 1024 * 1024)

static const char *const after_words[] = {
	[AFTER_STOP] = "stop",
	[AFTER_RESPAWN] = "respawn",
	[AFTER_GIVE_UP] = "give-up",
	[AFTER_START] = "start",
	[AFTER_REMOVE] = "remove",
};

/* ---- writer ---- */

static void
put(struct state_writer *w, const char *s, size_t len)
{
	if (w->overflow || len > w->cap - w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, s, len);
	w->len += len;
}

static void
put_str(struct state_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
put_u64(struct state_writer *w, uint64_t v)
{
	char digits[24];
	size_t i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(w, digits + i, sizeof(digits) - i);
}

static void
put_i64(struct state_writer *w, long long v)
{
	if (v < 0) {
		put(w, "-", 1);
		put_u64(w, (uint64_t)0 - (uint64_t)v);
	} else {
		put_u64(w, (uint64_t)v);
	}
}

static void
put_hex(struct state_writer *w, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char digits[16];

	for (int i = 15; i >= 0; i--) {
		digits[i] = hex[v & 0xf];
		v >>= 4;
	}
	put(w, digits, sizeof(digits));
}

static bool
path_byte_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '_' ||
	    c == '-' || c == '+' || c == ',' || c == ':' || c == '@';
}

/* A path with every other byte as %XX, so it holds no space or '='. */
static void
put_path(struct state_writer *w, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (path_byte_plain(*p)) {
			put(w, (const char *)p, 1);
		} else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 0xf] };

			put(w, esc, 3);
		}
	}
}

static void
put_field_u(struct state_writer *w, const char *key, uint64_t v)
{
	put_str(w, key);
	put_u64(w, v);
}

static void
put_field_i(struct state_writer *w, const char *key, long long v)
{
	put_str(w, key);
	put_i64(w, v);
}

size_t
statefile_record_size(const struct state_svc *s)
{
	size_t n = STATEFILE_RECORD_MAX;

	if (s->out_path != NULL)
		n += 3 * strlen(s->out_path);
	if (s->err_path != NULL)
		n += 3 * strlen(s->err_path);
	return n;
}

void
statefile_begin(struct state_writer *w, char *buf, size_t cap,
    const struct state_daemon *d)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->overflow = false;
	put_str(w, STATEFILE_MAGIC " ");
	put_u64(w, STATEFILE_VERSION);
	put_field_i(w, "\ndaemon pid=", d->pid);
	put_field_u(w, " pstart=", d->pstart);
	put_field_i(w, " main=", d->main_status);
	put_field_u(w, " crashes=", d->crashes);
	put_field_u(w, " since=", d->crash_since);
	put_field_u(w, " giveup=", d->give_up);
	put_str(w, "\n");
}

void
statefile_add(struct state_writer *w, const struct state_svc *s)
{
	put_str(w, "svc name=");
	put_str(w, s->name);
	put_str(w, " st=");
	put_str(w, svc_state_names[s->state]);
	put_field_i(w, " pid=", s->pid);
	put_field_i(w, " pgid=", s->pgid);
	put_field_u(w, " pstart=", s->pstart);
	put_field_u(w, " started=", s->started_ms);
	put_str(w, " def=");
	put_hex(w, s->definition);
	put_str(w, " cmd=");
	put_hex(w, s->cmdline);
	put_field_u(w, " streak=", s->streak);
	put_field_u(w, " restarts=", s->restarts);
	put_field_i(w, " last=", s->last_status);
	put_field_u(w, " ran=", s->last_ran_ms);
	put_field_u(w, " flags=", s->flags);
	put_str(w, " after=");
	put_str(w, after_words[s->after]);
	put_field_u(w, " delay=", s->after_delay_ms);
	put_field_u(w, " deadline=", s->deadline_ms);
	put_field_i(w, " sig=", s->stop_signal);
	put_field_u(w, " stopms=", s->stop_timeout_ms);
	put_field_i(w, " prio=", s->priority);
	put_str(w, s->kill_mode == KILL_GROUP ? " kill=group" :
	    " kill=process");
	put_field_u(w, " main=", s->is_main);
	put_field_i(w, " out=", s->out_r);
	put_field_i(w, ",", s->out_w);
	put_field_i(w, " err=", s->err_r);
	put_field_i(w, ",", s->err_w);
	if (s->out_path != NULL) {
		put_str(w, " opath=");
		put_path(w, s->out_path);
	}
	if (s->err_path != NULL) {
		put_str(w, " epath=");
		put_path(w, s->err_path);
	}
	put_str(w, "\n");
}

size_t
statefile_finish(struct state_writer *w, size_t nsvcs)
{
	put_field_u(w, "end ", nsvcs);
	put_str(w, "\nsum ");
	if (w->overflow)
		return 0;
	put_hex(w, fnv1a_words(FNV1A_INIT, w->buf,
	    w->len - strlen("sum ")));
	put_str(w, "\n");
	return w->overflow ? 0 : w->len;
}

/* ---- reader ---- */

struct fields {
	char *key[40];
	char *value[40];
	int n;
	int next;		/* where take() looks first */
};

/* Split "key=value key=value" in place. Returns -1 on a malformed one. */
static int
split_fields(char *s, struct fields *f)
{
	f->n = 0;
	f->next = 0;
	while (*s != '\0') {
		char *eq, *end = strchr(s, ' ');

		if (end != NULL)
			*end = '\0';
		eq = strchr(s, '=');
		if (eq == NULL || eq == s || f->n == 40)
			return -1;
		*eq = '\0';
		/* A field twice is caught by all_taken(): take() uses one. */
		f->key[f->n] = s;
		f->value[f->n] = eq + 1;
		f->n++;
		if (end == NULL)
			break;
		s = end + 1;
	}
	return 0;
}

static char *
take(struct fields *f, const char *key)
{
	/* Fields come in the writer's order: look where the last one was. */
	if (f->next < f->n && f->key[f->next] != NULL &&
	    strcmp(f->key[f->next], key) == 0) {
		f->key[f->next] = NULL;
		return f->value[f->next++];
	}
	for (int i = 0; i < f->n; i++) {
		if (f->key[i] != NULL && strcmp(f->key[i], key) == 0) {
			f->key[i] = NULL;	/* used */
			return f->value[i];
		}
	}
	return NULL;
}

static bool
all_taken(const struct fields *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->key[i] != NULL)
			return false;
	return true;
}

static int
get_u64(struct fields *f, const char *key, uint64_t max, uint64_t *v)
{
	const char *s = take(f, key);
	uint64_t n = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (max - (uint64_t)(*s - '0')) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return 0;
}

static int
get_long(struct fields *f, const char *key, long min, long max, long *v)
{
	const char *s = take(f, key);

	return s == NULL || parse_long(s, min, max, v) < 0 ? -1 : 0;
}

static int
get_hex(struct fields *f, const char *key, uint64_t *v)
{
	const char *s = take(f, key);
	uint64_t n = 0;

	if (s == NULL || strlen(s) != 16)
		return -1;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
		    *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0)
			return -1;
		n = n << 4 | (uint64_t)d;
	}
	*v = n;
	return 0;
}

static int
get_word(struct fields *f, const char *key, const char *const *words,
    int nwords, int *v)
{
	const char *s = take(f, key);

	for (int i = 0; s != NULL && i < nwords; i++) {
		if (strcmp(s, words[i]) == 0) {
			*v = i;
			return 0;
		}
	}
	return -1;
}

static bool
valid_fd(long fd)
{
	return fd == -1 || (fd >= 3 && fd <= INT_MAX);
}

static int
get_fd_pair(struct fields *f, const char *key, int *r, int *w)
{
	char *s = take(f, key), *comma;
	long a, b;

	if (s == NULL || (comma = strchr(s, ',')) == NULL)
		return -1;
	*comma = '\0';
	if (parse_long(s, -1, INT_MAX, &a) < 0 ||
	    parse_long(comma + 1, -1, INT_MAX, &b) < 0 ||
	    !valid_fd(a) || !valid_fd(b) || (a == -1) != (b == -1))
		return -1;
	*r = (int)a;
	*w = (int)b;
	return 0;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undo put_path() in place. */
static const char *
get_path(struct fields *f, const char *key, bool *bad)
{
	char *s = take(f, key), *out;

	if (s == NULL)
		return NULL;
	if (s[0] != '/') {
		*bad = true;
		return NULL;
	}
	out = s;
	for (char *p = s; *p; p++) {
		if (*p == '%') {
			int hi = hex_digit(p[1]), lo = hi < 0 ? -1 :
			    hex_digit(p[2]);

			if (lo < 0 || (hi == 0 && lo == 0)) {
				*bad = true;
				return NULL;
			}
			*out++ = (char)(hi << 4 | lo);
			p += 2;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
	return s;
}

static int
parse_daemon(char *line, struct state_daemon *d)
{
	struct fields f;
	uint64_t v, crashes, give_up;
	long pid, main_status;

	if (strncmp(line, "daemon ", 7) != 0 || split_fields(line + 7, &f) < 0)
		return -1;
	if (get_long(&f, "pid", 1, STATEFILE_PID_MAX, &pid) < 0 ||
	    get_u64(&f, "pstart", UINT64_MAX, &v) < 0 ||
	    get_long(&f, "main", -1, INT_MAX, &main_status) < 0 ||
	    get_u64(&f, "crashes", 1000000, &crashes) < 0 ||
	    get_u64(&f, "since", UINT64_MAX, &d->crash_since) < 0 ||
	    get_u64(&f, "giveup", 1, &give_up) < 0 || !all_taken(&f))
		return -1;
	d->pid = (pid_t)pid;
	d->pstart = v;
	d->main_status = (int)main_status;
	d->crashes = (unsigned)crashes;
	d->give_up = give_up != 0;
	return 0;
}

static int
parse_svc(char *line, struct state_svc *s)
{
	struct fields f;
	uint64_t v, streak, flags;
	long l;
	int word;
	bool bad = false;

	memset(s, 0, sizeof(*s));
	if (strncmp(line, "svc ", 4) != 0 || split_fields(line + 4, &f) < 0)
		return -1;
	s->name = take(&f, "name");
	if (s->name == NULL || !parse_service_name(s->name))
		return -1;
	if (get_word(&f, "st", svc_state_names, SVC_NSTATES, &word) < 0)
		return -1;
	s->state = (enum svc_state)word;
	if (get_long(&f, "pid", 0, STATEFILE_PID_MAX, &l) < 0 || l == 1)
		return -1;
	s->pid = (pid_t)l;
	if (get_long(&f, "pgid", 0, STATEFILE_PID_MAX, &l) < 0 || l == 1)
		return -1;
	s->pgid = (pid_t)l;
	if (get_u64(&f, "pstart", UINT64_MAX, &v) < 0)
		return -1;
	s->pstart = v;
	if (get_u64(&f, "started", UINT64_MAX, &s->started_ms) < 0 ||
	    get_hex(&f, "def", &s->definition) < 0 ||
	    get_hex(&f, "cmd", &s->cmdline) < 0 ||
	    get_u64(&f, "streak", UINT32_MAX, &streak) < 0 ||
	    get_u64(&f, "restarts", ULONG_MAX, &v) < 0)
		return -1;
	s->streak = (unsigned)streak;
	s->restarts = (unsigned long)v;
	if (get_long(&f, "last", SVC_STATUS_UNKNOWN, 0xffff, &l) < 0)
		return -1;
	s->last_status = (int)l;
	if (get_u64(&f, "ran", UINT64_MAX, &s->last_ran_ms) < 0 ||
	    get_u64(&f, "flags", STATE_SIGNALLED | STATE_KILLED |
	    STATE_RESPAWNING, &flags) < 0 ||
	    get_word(&f, "after", after_words, 5, &word) < 0)
		return -1;
	s->flags = (unsigned)flags;
	s->after = (enum svc_after)word;
	if (get_u64(&f, "delay", UINT64_MAX, &s->after_delay_ms) < 0 ||
	    get_u64(&f, "deadline", UINT64_MAX, &s->deadline_ms) < 0 ||
	    get_long(&f, "sig", 1, NSIG - 1, &l) < 0)
		return -1;
	s->stop_signal = (int)l;
	if (get_u64(&f, "stopms", UINT64_MAX, &s->stop_timeout_ms) < 0 ||
	    get_long(&f, "prio", LONG_MIN, LONG_MAX, &s->priority) < 0)
		return -1;
	{
		static const char *const kill_words[] = { "group", "process" };

		if (get_word(&f, "kill", kill_words, 2, &word) < 0)
			return -1;
		s->kill_mode = word == 0 ? KILL_GROUP : KILL_PROCESS;
	}
	if (get_u64(&f, "main", 1, &v) < 0)
		return -1;
	s->is_main = v != 0;
	if (get_fd_pair(&f, "out", &s->out_r, &s->out_w) < 0 ||
	    get_fd_pair(&f, "err", &s->err_r, &s->err_w) < 0)
		return -1;
	s->out_path = get_path(&f, "opath", &bad);
	s->err_path = get_path(&f, "epath", &bad);
	if (bad || !all_taken(&f))
		return -1;
	/* A process only in states that have one; a pid is its own group. */
	if ((s->pid != 0) != (s->state == SVC_RUNNING ||
	    (s->state == SVC_STOPPING && s->pid != 0)))
		return -1;
	if (s->pgid != 0 && s->pid != 0 && s->pgid != s->pid)
		return -1;
	if ((s->out_r == -1) != (s->out_path == NULL) ||
	    (s->err_r == -1) != (s->err_path == NULL))
		return -1;
	return 0;
}

static const char *
record_name(const void *items, size_t i)
{
	return ((const struct state_svc *)items)[i].name;
}

int
statefile_parse(char *text, size_t len, struct state *st, const char **reason)
{
	char *line, *end, *sum_line;
	size_t count = 0, cap = 0;
	struct state_svc *svcs = NULL;
	uint64_t sum;
	unsigned long long declared;

	memset(st, 0, sizeof(*st));
	*reason = "truncated";
	if (len == 0 || text[len - 1] != '\n' || memchr(text, '\0', len) != NULL)
		goto bad;
	text[len - 1] = '\0';
	sum_line = strrchr(text, '\n');
	if (sum_line == NULL || strncmp(sum_line + 1, "sum ", 4) != 0)
		goto bad;
	{
		struct fields f = { .n = 1, .key = { "sum" },
		    .value = { sum_line + 5 } };

		*reason = "bad checksum";
		if (get_hex(&f, "sum", &sum) < 0 || sum != fnv1a_words(FNV1A_INIT,
		    text, (size_t)(sum_line + 1 - text)))
			goto bad;
	}
	*sum_line = '\0';
	line = text;
	end = strchr(line, '\n');
	if (end == NULL)
		goto bad;
	*end = '\0';
	*reason = "not a respawnd state file";
	if (strncmp(line, STATEFILE_MAGIC " ", strlen(STATEFILE_MAGIC) + 1) != 0)
		goto bad;
	*reason = "unsupported version";
	if (strcmp(line + strlen(STATEFILE_MAGIC) + 1, "1") != 0)
		goto bad;
	*reason = "malformed daemon record";
	line = end + 1;
	end = strchr(line, '\n');
	if (end == NULL)
		goto bad;
	*end = '\0';
	if (parse_daemon(line, &st->daemon) < 0)
		goto bad;
	for (line = end + 1;; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			break;
		*end = '\0';
		if (count == cap) {
			struct state_svc *more;

			cap = cap ? cap * 2 : 16;
			more = realloc(svcs, cap * sizeof(*svcs));
			*reason = "out of memory";
			if (more == NULL)
				goto bad;
			svcs = more;
		}
		*reason = "malformed service record";
		if (parse_svc(line, &svcs[count]) < 0)
			goto bad;
		count++;
	}
	*reason = "truncated";
	if (strncmp(line, "end ", 4) != 0)
		goto bad;
	{
		char *p;

		errno = 0;
		declared = strtoull(line + 4, &p, 10);
		if (*p != '\0' || errno != 0 || declared != count)
			goto bad;
	}
	{
		size_t duplicate;

		*reason = "out of memory";
		if (names_build(&st->names, svcs, count, record_name,
		    &duplicate) < 0)
			goto bad;
		*reason = "a service recorded twice";
		if (duplicate != count)
			goto bad;
	}
	st->svcs = svcs;
	st->nsvcs = count;
	st->text = text;
	return 0;
bad:
	free(svcs);
	names_free(&st->names);
	memset(st, 0, sizeof(*st));
	return -1;
}

int
statefile_read(const char *path, uid_t uid, struct state *st,
    const char **reason)
{
	struct stat sb;
	size_t len;
	char *text;
	int fd;

	memset(st, 0, sizeof(*st));
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		*reason = errno == ELOOP ? "a symbolic link" : strerror(errno);
		return -1;
	}
	if (fstat(fd, &sb) < 0) {
		*reason = strerror(errno);
		close(fd);
		return -1;
	}
	*reason = !S_ISREG(sb.st_mode) ? "not a regular file" :
	    sb.st_uid != uid ? "owned by another user" :
	    (sb.st_mode & (S_IWGRP | S_IWOTH)) ? "writable by group or others" :
	    sb.st_size > STATEFILE_SIZE_MAX ? "too large" : NULL;
	if (*reason != NULL) {
		close(fd);
		return -1;
	}
	text = fsutil_read_fd(fd, STATEFILE_SIZE_MAX, &len);
	close(fd);
	if (text == NULL) {
		*reason = strerror(errno);
		return -1;
	}
	if (statefile_parse(text, len, st, reason) < 0) {
		free(text);
		return -1;
	}
	return 0;
}

void
statefile_free(struct state *st)
{
	names_free(&st->names);
	free(st->svcs);
	free(st->text);
	memset(st, 0, sizeof(*st));
}

const struct state_svc *
statefile_find(const struct state *st, const char *name)
{
	long i = names_find(&st->names, st->svcs, record_name, name);

	return i < 0 ? NULL : &st->svcs[i];
}
