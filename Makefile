# SPDX-License-Identifier: GPL-2.0
# refconv: Coccinelle conversions to safer reference counting, and their runtime.
#
#   make                 build the userspace runtime (runtime/librefconv.{a,so})
#   make check           run every test; ends with "N passed, N failed"
#   make coccicheck      run conversions (COCCI, MODE, TREE, M, J, V, SPFLAGS,
#                        DEBUG_FILE, SPEC: see README)
#   make check-kernel    the kernel runtime's self-test in a qemu-booted kernel
#   make bench           runtime benchmarks (ratios)
#   make bench-tree TREE=~/linux   tree-wide: refcount.cocci vs the kernel's
#                        atomic_as_refcounter.cocci, as a ratio (SCOPES,
#                        HOSTS: see bench/tree.sh)
#   make bench-upstream TREE=~/linux-source-6.1 [O=DIR]   the kernel's own
#                        refcount_t turned back into atomic_t: what refconv
#                        recovers (bench/upstream.sh; O= keeps the work)
#   make bench-grab TREE=~/linux-source-6.1   mmgrab() inlined back into its
#                        callers: what grab.cocci turns back (bench/grab.sh)
#   make kernel-compile-check TREE=~/linux M="drivers/md fs/nfsd"
#                        build before and after the conversion
#   make install         headers, libraries and pkg-config file under PREFIX

PREFIX ?= /usr/local

# coccicheck interface, named as in the kernel's scripts/coccicheck
COCCI ?= cocci
MODE ?= report
TREE ?= examples
M ?=
J ?=
V ?=
SPFLAGS ?=
DEBUG_FILE ?=
SPEC ?=
HOSTS ?=
O ?=

.PHONY: all lib install bench bench-tree bench-upstream bench-grab check check-kernel coccicheck \
	kernel-compile-check clean

all: lib

lib:
	$(MAKE) -C runtime

install:
	$(MAKE) -C runtime install PREFIX=$(PREFIX)

bench:
	$(MAKE) -C bench

bench-tree:
	HOSTS="$(HOSTS)" bench/tree.sh "$(TREE)" $(J)

bench-upstream:
	bench/upstream.sh $(if $(J),-j "$(J)") $(if $(O),-o "$(O)") "$(TREE)"

bench-grab:
	bench/grab.sh $(if $(J),-j "$(J)") "$(TREE)"

kernel-compile-check:
	scripts/kernel-compile-check.sh $(if $(J),-j "$(J)") "$(TREE)" $(M)

check:
	scripts/deps.sh check
	tests/check.sh

check-kernel:
	tests/check.sh kernel

coccicheck:
	scripts/deps.sh coccicheck
	scripts/run-cocci.sh --mode "$(MODE)" \
		$(if $(M),--subdir "$(M)") $(if $(J),--jobs "$(J)") \
		$(if $(V),--verbose) $(if $(SPEC),--spec "$(SPEC)") $(if $(HOSTS),--hosts "$(HOSTS)") \
		$(if $(DEBUG_FILE),--debug-file "$(DEBUG_FILE)") \
		$(if $(SPFLAGS),--spflags "$(SPFLAGS)") \
		"$(COCCI)" "$(TREE)"

clean:
	-$(MAKE) -C runtime clean
	-$(MAKE) -C bench clean
