#!/usr/bin/env python3
"""tools/check_layers.py passes on src/ as it is and fails on the breaches it
exists for: a shared layer including a feature, a feature including another
feature's store, an undeclared module, Boost.Beast outside web/, and rules that
declare a layer above a feature or a cycle.

Usage: layers_test.py --rules build/<dir>/layers.tsv (the rules CMake writes).
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECK = ROOT / "tools" / "check_layers.py"
RULES = None  # set from the command line


def check(src, rules, *extra):
    return subprocess.run([sys.executable, str(CHECK), "--rules", str(rules), "--src", str(src),
                           *extra], capture_output=True, text=True)


class Breach:
    """A copy of src/ (sources only) with lines added to some files."""

    def __init__(self, additions):
        self.additions = additions

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = pathlib.Path(self.tmp.name) / "src"
        shutil.copytree(ROOT / "src", self.src,
                        ignore=lambda d, names: [n for n in names if (pathlib.Path(d) / n).is_file()
                                                 and not n.endswith((".cpp", ".hpp"))])
        self.lines = {}
        for rel, line in self.additions.items():
            path = self.src / rel
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + line + "\n", encoding="utf-8")
            self.lines[rel] = text.count("\n") + 1
        return self

    def __exit__(self, *exc):
        self.tmp.cleanup()


class Layers(unittest.TestCase):
    def test_src_as_it_is_passes(self):
        out = check(ROOT / "src", RULES)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    def test_a_layer_including_a_feature_fails(self):
        with Breach({"web/form.cpp": '#include "catalog/store.hpp"'}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn(f"src/web/form.cpp:{b.lines['web/form.cpp']} includes catalog/store.hpp: "
                      "the web layer may not use feature catalog", out.stdout)

    def test_a_layer_including_the_composition_root_fails(self):
        with Breach({"app/app.cpp": '#include "root/demo.hpp"'}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("includes root/demo.hpp: the app layer may not use the composition root",
                      out.stdout)

    def test_a_feature_including_another_features_store_fails(self):
        with Breach({"network/service.cpp": '#include "accounts/store.hpp"',
                     "catalog/routes.cpp": '#include "trainings/materials_store.hpp"'}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn(f"src/network/service.cpp:{b.lines['network/service.cpp']} includes "
                      "accounts/store.hpp: feature network may not include another feature's "
                      "store; use the public headers of accounts", out.stdout)
        self.assertIn("includes trainings/materials_store.hpp: feature catalog may not include "
                      "another feature's store", out.stdout)

    def test_an_undeclared_module_fails(self):
        with Breach({"site/routes.cpp": '#include "catalog/catalog.hpp"',
                     "core/text.cpp": '#include "store/database.hpp"'}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("includes catalog/catalog.hpp: feature site does not declare catalog",
                      out.stdout)
        self.assertIn("includes store/database.hpp: the core layer does not declare store",
                      out.stdout)

    def test_beast_outside_web_fails(self):
        with Breach({"store/database.cpp": "#include <boost/beast/http.hpp>"}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("includes <boost/beast/http.hpp>: Boost.Beast and Asio belong to the web "
                      "layer only", out.stdout)

    def test_a_file_no_module_owns_fails(self):
        with Breach({"letters/letter.cpp": "int letter;"}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/letters/letter.cpp belongs to no module", out.stdout)

    def test_comments_and_tests_are_not_checked(self):
        with Breach({"web/form.cpp": '// #include "catalog/store.hpp"\n/*\n#include "a/b.hpp"\n*/',
                     "web/form_test.cpp": '#include "catalog/store.hpp"'}) as b:
            out = check(b.src, RULES)
        self.assertEqual(out.returncode, 0, out.stdout)

    def test_one_module_is_checked_alone_and_stamped_only_when_clean(self):
        with Breach({"web/form.cpp": '#include "catalog/store.hpp"'}) as b:
            stamp = b.src.parent / "stamps" / "x.checked"
            clean = check(b.src, RULES, "--module", "catalog", "--stamp", str(stamp))
            self.assertEqual(clean.returncode, 0, clean.stdout)
            self.assertTrue(stamp.exists())
            broken = check(b.src, RULES, "--module", "web", "--stamp", str(stamp))
            self.assertEqual(broken.returncode, 1, broken.stdout)
            self.assertFalse(stamp.exists())

    def test_declarations_that_break_the_rules_fail(self):
        with tempfile.TemporaryDirectory() as tmp:
            rules = pathlib.Path(tmp) / "layers.tsv"
            rules.write_text("core\tlayer\tcore\t\n"
                             "web\tlayer\tweb\tcore catalog\n"
                             "catalog\tfeature\tcatalog\tweb network\n"
                             "network\tfeature\tnetwork\tcatalog\n"
                             "root\troot\tmain.cpp\tcatalog\n")
            (pathlib.Path(tmp) / "src").mkdir()
            out = check(pathlib.Path(tmp) / "src", rules)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("the web layer may not depend on feature catalog", out.stdout)
        self.assertIn("cycle: catalog -> network -> catalog", out.stdout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", required=True)
    args, rest = parser.parse_known_args()
    RULES = pathlib.Path(args.rules).resolve()
    unittest.main(argv=[sys.argv[0], *rest])
