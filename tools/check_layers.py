#!/usr/bin/env python3
"""Checks the #includes of src/ against the module rules the build declares.

CMakeLists.txt declares every module once, with schakel_module(): its kind
(a shared layer, a feature, or the composition root), the paths of src/ it owns
and the modules it may use (DEPENDS). CMake writes these declarations to a rules
file (build/<dir>/layers.tsv) and runs this check as part of building each
module's library, so a forbidden #include stops the build. Every module sees
src/ as its include root, so without this check a link list alone would not
stop an #include.

The rules:
  - a shared layer may not include a feature or the composition root;
  - a feature may include only itself and the modules it declares, and never
    another feature's store (store.hpp or *_store.hpp): it goes through that
    feature's public headers (service, types, a public facade);
  - Boost.Beast and Boost.Asio are included only in web/;
  - the declarations themselves: a layer declares only layers, nothing but the
    composition root declares it, and there is no cycle.
Tests (*_test.cpp and their *_test_*.hpp helpers) are not part of any module
and are not checked.

Usage: check_layers.py --rules layers.tsv --src src [--module NAME --stamp FILE]
Without --module every module is checked, and a production file of src/ that
no module owns is an error too. Exit status 0 when clean, 1 on a breach.
"""
import argparse
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
STORE_HEADER = re.compile(r'(^|_)store\.hpp$')
BOOST_WEB_ONLY = ("boost/beast", "boost/asio")
KINDS = {"layer", "feature", "root"}


class Module:
    def __init__(self, name, kind, paths, depends):
        self.name, self.kind, self.paths, self.depends = name, kind, paths, depends

    def describe(self):
        if self.kind == "layer":
            return f"the {self.name} layer"
        if self.kind == "feature":
            return f"feature {self.name}"
        return f"the composition root ({self.name})"


def read_rules(path):
    """One module a line: name <TAB> kind <TAB> paths <TAB> depends (space-separated)."""
    modules = {}
    for number, line in enumerate(pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[1] not in KINDS:
            sys.exit(f"{path}:{number}: expected 'name<TAB>kind<TAB>paths<TAB>depends', "
                     f"kind one of {sorted(KINDS)}")
        name, kind, paths, depends = fields
        modules[name] = Module(name, kind, paths.split(), depends.split())
    return modules


def is_test(rel):
    stem = pathlib.PurePosixPath(rel).stem
    return stem.endswith("_test") or "_test_" in stem


def owner_of(rel, modules):
    """The module owning `rel` (a path below src/): the longest declared path that
    is the file itself or a folder above it."""
    best, best_len = None, -1
    for m in modules.values():
        for p in m.paths:
            if (rel == p or rel.startswith(p + "/")) and len(p) > best_len:
                best, best_len = m, len(p)
    return best


def check_declarations(modules):
    errors = []
    for m in modules.values():
        for d in m.depends:
            if d not in modules:
                errors.append(f"{m.name} declares an unknown module {d}")
            elif m.kind == "layer" and modules[d].kind != "layer":
                errors.append(f"{m.describe()} may not depend on {modules[d].describe()}")
            elif modules[d].kind == "root":
                errors.append(f"{m.describe()} may not depend on {modules[d].describe()}")
    # A cycle among the declarations (CMake would link it, so say it here).
    done = set()

    def visit(name, stack):
        for d in modules[name].depends:
            if d in stack:
                cycle = stack[stack.index(d):] + [d]
                errors.append("the modules depend on each other in a cycle: " + " -> ".join(cycle))
            elif d in modules and d not in done:
                visit(d, stack + [d])
        done.add(name)

    for name in sorted(modules):
        if name not in done:
            visit(name, [name])
    return errors


def check_file(path, rel, module, modules):
    errors = []
    text = path.read_text(encoding="utf-8", errors="replace")
    in_block_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_block_comment:
            if "*/" in line:
                in_block_comment = False
            continue
        if line.lstrip().startswith("/*") and "*/" not in line:
            in_block_comment = True
            continue
        match = INCLUDE.match(line)
        if not match:
            continue
        bracket, target = match.groups()
        where = f"src/{rel}:{number}"
        if bracket == "<":
            if module.name != "web" and target.startswith(BOOST_WEB_ONLY):
                errors.append(f"{where} includes <{target}>: Boost.Beast and Asio belong to "
                              f"the web layer only, not to {module.describe()}")
            continue
        used = owner_of(target, modules) if "/" in target else module
        if used is None or used.name == module.name:
            continue
        if module.kind == "layer" and used.kind != "layer":
            errors.append(f"{where} includes {target}: {module.describe()} may not use "
                          f"{used.describe()}")
        elif (module.kind == "feature" and used.kind == "feature"
              and STORE_HEADER.search(target.rsplit("/", 1)[-1])):
            errors.append(f"{where} includes {target}: {module.describe()} may not include "
                          f"another feature's store; use the public headers of {used.name}")
        elif used.name not in module.depends:
            errors.append(f"{where} includes {target}: {module.describe()} does not declare "
                          f"{used.name} (DEPENDS of schakel_module in CMakeLists.txt)")
    return errors


def production_files(src):
    for path in sorted(src.rglob("*")):
        if path.suffix in (".cpp", ".hpp") and path.is_file():
            rel = path.relative_to(src).as_posix()
            if not is_test(rel):
                yield path, rel


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules", required=True, help="the rules file CMake writes")
    parser.add_argument("--src", required=True, help="the src/ folder")
    parser.add_argument("--module", help="check only this module")
    parser.add_argument("--stamp", help="touch this file when the check passes")
    args = parser.parse_args()
    modules = read_rules(args.rules)
    src = pathlib.Path(args.src)
    if args.module and args.module not in modules:
        sys.exit(f"check_layers: no module {args.module} in {args.rules}")
    stamp = pathlib.Path(args.stamp) if args.stamp else None
    if stamp and stamp.exists():
        stamp.unlink()

    errors = check_declarations(modules)
    for path, rel in production_files(src):
        module = owner_of(rel, modules)
        if module is None:
            if not args.module:
                errors.append(f"src/{rel} belongs to no module (schakel_module in CMakeLists.txt)")
            continue
        if args.module and module.name != args.module:
            continue
        errors += check_file(path, rel, module, modules)

    if errors:
        print("Layer rules broken (tools/check_layers.py; the rules are in the README):")
        for e in errors:
            print("  " + e)
        return 1
    if stamp:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
