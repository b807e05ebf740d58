# SPDX-License-Identifier: GPL-2.0-only
"""The refconv spec file: what cannot be discovered from the code.

One directive per line, '#' starts a comment, blank lines are ignored:

    grab TYPE FIELD GET [PUT]   open-coded increments of FIELD on struct TYPE
                                become GET(x), dec-and-release idioms PUT(x)
    track STRUCT                struct STRUCT is reference-tracked (reftrack)
    borrow FUNC                 FUNC only borrows its tracked parameters:
                                callers pass no reference, it releases none
                                (reftrack)
    ref TYPE GET PUT            pointer fields to struct TYPE become typed
                                struct ref wrappers (ref_wrap)
    proxy TYPE FIELD            FIELD of struct TYPE points to a revocable
                                resource, revoked by "x->FIELD = NULL;"
    proxy TYPE FIELD revoked-by FLAG
                                ... that stays valid (its owner holds a
                                reference) and is revoked by setting FLAG
    proxy TYPE FIELD provider RTYPE SETUP TEARDOWN
                                ... whose provider lives in struct RTYPE,
                                allocated in SETUP(), revoked in TEARDOWN()
                                (ref_proxy)
    rc_check TYPE [accessors]   perf-style reference-count checking of TYPE

Used by scripts/run-cocci.sh (to validate the file before anything runs) and
by the .cocci scripts' python (through the REFCONV_PYLIB and REFCONV_SPEC
environment variables that the driver sets).
"""

import os
import re
import sys

# directive -> (minimum args, maximum args, usage)
DIRECTIVES = {
    "grab": (3, 4, "grab TYPE FIELD GET [PUT]"),
    "track": (1, 1, "track STRUCT"),
    "borrow": (1, 1, "borrow FUNC"),
    "ref": (3, 3, "ref TYPE GET PUT"),
    "proxy": (2, 6, "proxy TYPE FIELD [revoked-by FLAG | provider RTYPE "
              "SETUP TEARDOWN]"),
    "rc_check": (1, 2, "rc_check TYPE [accessors]"),
}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# the forms of "proxy" after TYPE FIELD: keyword -> number of words after it
PROXY_FORMS = {"revoked-by": 1, "provider": 3}


class SpecError(Exception):
    """A malformed spec line; str() is 'file:line: message'."""


def parse(path):
    """Return [(directive, (args...), lineno)] or raise SpecError."""
    out = []
    with open(path, errors="replace") as f:
        for n, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            d, args = words[0], words[1:]
            if d not in DIRECTIVES:
                raise SpecError("%s:%d: unknown directive '%s' (known: %s)"
                                % (path, n, d, ", ".join(sorted(DIRECTIVES))))
            lo, hi, usage = DIRECTIVES[d]
            if not lo <= len(args) <= hi or (d == "proxy" and len(args) > 2 and
                                             PROXY_FORMS.get(args[2]) != len(args) - 3):
                raise SpecError("%s:%d: '%s' takes: %s" % (path, n, d, usage))
            for i, a in enumerate(args):
                if d == "proxy" and i == 2:
                    continue
                if d == "rc_check" and a is args[-1] and len(args) == 2:
                    if a != "accessors":
                        raise SpecError("%s:%d: '%s' is not 'accessors' (%s)"
                                        % (path, n, a, usage))
                elif not IDENT.match(a):
                    raise SpecError("%s:%d: '%s' is not a C identifier (%s)"
                                    % (path, n, a, usage))
            out.append((d, tuple(args), n))
    return out


def load(path=None):
    """Directives by name, {'grab': [(args...), ...], ...}, from PATH or
    $REFCONV_SPEC; empty when there is no spec."""
    path = path or os.environ.get("REFCONV_SPEC", "")
    by = {d: [] for d in DIRECTIVES}
    if path:
        for d, args, _ in parse(path):
            by[d].append(args)
    return by


def main(argv):
    if len(argv) != 3 or argv[1] != "check":
        sys.stderr.write("usage: refconv_spec.py check FILE\n")
        return 2
    try:
        parse(argv[2])
    except (SpecError, OSError) as e:
        sys.stderr.write("%s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
