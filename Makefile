# respawnd: one non-recursive GNU Makefile.
#
#   make                 build/respawnd, helpers and the unit-test runner
#   make check           unit and integration tests, plain and then under
#                        AddressSanitizer + UndefinedBehaviorSanitizer
#   make run             respawnd in the foreground on etc/demo.conf
#   make install         PREFIX (default /usr/local) and DESTDIR honoured
#   make bench           the benchmark (bench/run --help)
#
# SANITIZE=1 builds into build/san with ASan and UBSan; WERROR=0 drops
# -Werror; CC=clang works as well as gcc.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
WERROR ?= 1
SANITIZE ?=

ifeq ($(SANITIZE),1)
BUILD ?= build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
else
BUILD ?= build
SANFLAGS =
endif

WARNFLAGS = -std=c11 -Wall -Wextra -Wshadow -Wformat=2 \
	-Wmissing-prototypes -Wstrict-prototypes -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARNFLAGS += -Werror
endif

ALL_CPPFLAGS = -D_GNU_SOURCE -Iinclude $(CPPFLAGS)
ALL_CFLAGS = $(WARNFLAGS) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Debian 12 ships no libev.pc.
LIBEV := $(shell pkg-config --libs libev 2>/dev/null || echo -lev)
LIBINIH := $(shell pkg-config --libs inih 2>/dev/null || echo -linih)
LIBCHECK := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)

OBJ = $(BUILD)/obj

# The pure modules (unit-tested without processes) and the rest.
PURE = parse words backoff wheel conf svc statefile proc names
IMPURE = log fsutil spawn outlog sup loop reexec
MODULES = $(PURE) $(IMPURE)

DAEMON_OBJS = $(MODULES:%=$(OBJ)/%.o) $(OBJ)/main.o
UNIT_OBJS = $(PURE:%=$(OBJ)/%.o) $(OBJ)/log.o $(OBJ)/fsutil.o
UNIT_TESTS = $(wildcard tests/unit/check_*.c) tests/unit/run.c
HELPERS = $(patsubst tests/helpers/%.c,$(BUILD)/%,$(wildcard tests/helpers/th-*.c))

.PHONY: all check check-once check-unit check-integration run install \
	uninstall clean bench deps

all: $(BUILD)/respawnd $(BUILD)/check-unit $(HELPERS)

$(OBJ)/%.o: src/%.c $(wildcard include/*.h) | $(OBJ)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/unit-%.o: tests/unit/%.c $(wildcard include/*.h) tests/unit/unit.h | $(OBJ)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/respawnd: $(DAEMON_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBEV) $(LIBINIH)

$(BUILD)/check-unit: $(UNIT_TESTS:tests/unit/%.c=$(OBJ)/unit-%.o) $(UNIT_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBINIH) $(LIBCHECK)

$(BUILD)/th-%: tests/helpers/th-%.c tests/helpers/th.h | $(OBJ)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(OBJ):
	mkdir -p $@

# make check: everything plain, then everything again under the sanitizers.
check:
	@scripts/install-deps --check || scripts/install-deps
	$(MAKE) check-once
	$(MAKE) SANITIZE=1 check-once

check-once: all
	$(MAKE) check-unit check-integration

check-unit: $(BUILD)/check-unit
	$(BUILD)/check-unit

check-integration: $(BUILD)/respawnd $(HELPERS)
	tests/integration/run.sh $(BUILD)

run:
	@scripts/install-deps --check || scripts/install-deps
	$(MAKE) $(BUILD)/respawnd
	$(BUILD)/respawnd -c etc/demo.conf -s $(abspath $(BUILD))/demo.state

bench: $(BUILD)/respawnd
	bench/run $(BENCH_ARGS)

deps:
	scripts/install-deps

install: $(BUILD)/respawnd
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/man/man8 \
		$(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/doc/respawnd
	install -m 755 $(BUILD)/respawnd $(DESTDIR)$(PREFIX)/sbin/respawnd
	install -m 644 man/respawnd.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 644 man/respawnd.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 etc/respawnd.conf.example README.md \
		$(DESTDIR)$(PREFIX)/share/doc/respawnd/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/sbin/respawnd \
		$(DESTDIR)$(PREFIX)/share/man/man8/respawnd.8 \
		$(DESTDIR)$(PREFIX)/share/man/man5/respawnd.conf.5
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/respawnd

clean:
	rm -rf build
