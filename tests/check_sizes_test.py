#!/usr/bin/env python3
"""tools/check_sizes.py catches a 601-line file and an 81-line function or
lambda, lets through what fits or says "Long because:", and is not fooled by
braces in strings, characters, comments and raw strings."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECK = pathlib.Path(__file__).resolve().parent.parent / "tools" / "check_sizes.py"


def run(files):
    with tempfile.TemporaryDirectory() as root:
        for name, text in files.items():
            path = pathlib.Path(root) / "src" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return subprocess.run([sys.executable, str(CHECK), "--src", str(pathlib.Path(root) / "src")],
                              capture_output=True, text=True)


def function(name, lines, before=""):
    """A function whose braces span `lines` lines."""
    body = "".join(f"  x += {i};\n" for i in range(lines - 2))
    return f"{before}int {name}(int x) {{\n{body}}}\n"


def lambda_in_install(lines, before=""):
    body = "".join(f"    x += {i};\n" for i in range(lines - 2))
    return (f"void install(Router& r) {{\n{before}  r.get(\"/a\", [&](Request& req) {{\n"
            f"{body}  }});\n}}\n")


class CodeSize(unittest.TestCase):
    def test_a_601_line_file_fails_and_600_lines_pass(self):
        out = run({"web/big.cpp": "int x;\n" * 601})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/web/big.cpp: 601 lines (at most 600", out.stdout)
        self.assertEqual(run({"web/big.cpp": "int x;\n" * 600}).returncode, 0)

    def test_a_long_file_with_a_reason_at_its_top_passes(self):
        text = "// The data of the demo.\n// Long because: one table of demo rows.\n"
        out = run({"web/big.cpp": text + "int x;\n" * 700})
        self.assertEqual(out.returncode, 0, out.stdout)

    def test_an_81_line_function_fails_and_80_lines_pass(self):
        out = run({"store/a.cpp": function("long_one", 81) + function("fits", 80)})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/store/a.cpp:1: long_one is 81 lines (at most 80", out.stdout)
        self.assertNotIn("fits", out.stdout)

    def test_an_81_line_lambda_fails(self):
        out = run({"web/routes.cpp": lambda_in_install(81)})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/web/routes.cpp:2: lambda is 81 lines", out.stdout)
        self.assertIn("src/web/routes.cpp:1: install is 83 lines", out.stdout)

    def test_a_long_function_with_a_reason_above_passes(self):
        reason = "// Parses the whole grammar in one pass.\n// Long because: one state machine.\n"
        out = run({"store/a.cpp": function("long_one", 120, before=reason),
                   "web/b.cpp": "void install(Router& r) {\n  // Long because: one table.\n"
                                "  r.get(\"/a\", [&](Request& req) {\n"
                                + "    x += 1;\n" * 90 + "  });\n}\n"})
        self.assertEqual(out.returncode, 1, out.stdout)  # install itself is still too long
        self.assertNotIn("long_one", out.stdout)
        self.assertNotIn("lambda", out.stdout)
        self.assertIn("install is 95 lines", out.stdout)

    def test_control_blocks_classes_and_namespaces_are_not_functions(self):
        long_block = "".join(f"    x += {i};\n" for i in range(90))
        text = ("namespace a {\nstruct S {\n" + "  int f;\n" * 90 + "};\n"
                "int f(int x) {\n  if (x) {\n" + long_block + "  }\n  return x;\n}\n}\n")
        out = run({"core/a.cpp": text})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/core/a.cpp:94: f is 95 lines", out.stdout)
        self.assertNotIn(" S ", out.stdout)
        self.assertEqual(out.stdout.count(" is "), 1, out.stdout)

    def test_braces_in_literals_and_comments_do_not_count(self):
        body = "".join(f"  x += {i};\n" for i in range(40))
        text = ("int f(int x) {\n" + body +
                "  const char* a = \"}}}\"; char b = '}'; char c = '\\'';\n"
                "  // } a closing brace in a comment\n  /* } */\n"
                "  std::string d = R\"x(a \" } raw string)x\";\n"
                "  long e = 1'780'000'000;\n" + body + "}\n"
                "int g(int x) {\n" + body + body + "}\n")
        out = run({"view/a.cpp": text})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/view/a.cpp:1: f is 87 lines", out.stdout)
        self.assertIn("src/view/a.cpp:88: g is 82 lines", out.stdout)

    def test_constructors_with_initialiser_lists_are_functions(self):
        body = "".join(f"  x += {i};\n" for i in range(85))
        text = "Foo::Foo(int a) : a_(a), b_{a, 2} {\n" + body + "}\n"
        out = run({"jobs/a.cpp": text})
        self.assertIn("src/jobs/a.cpp:1: Foo::Foo is 87 lines", out.stdout)

    def test_tests_and_templates_are_not_read(self):
        out = run({"web/a_test.cpp": "int x;\n" * 700 + function("long_one", 90),
                   "web/templates/a.mustache": "x\n" * 700})
        self.assertEqual(out.returncode, 0, out.stdout)


if __name__ == "__main__":
    unittest.main()
