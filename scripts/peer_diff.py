# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Compare two pytest JUnit reports (make peer-tests): the tests of the
modules we extend, without and with the lotus addons.

    python scripts/peer_diff.py without.xml with.xml

Prints how many tests ran and failed on each side and every test that
fails only with our addons (or only without); exits 1 when a test fails
only with them."""
import sys
import xml.etree.ElementTree as ET


def outcomes(path):
    """{test id: "passed" | "failed" | "skipped"}"""
    results = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        test = "%s.%s" % (case.get("classname"), case.get("name"))
        state = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                state = "failed"
            elif child.tag == "skipped" and state == "passed":
                state = "skipped"
        results[test] = state
    return results


def _short(test):
    return test.replace(".oca-tests.", "").replace("tests.", "")


def main(without_path, with_path):
    without, with_ours = outcomes(without_path), outcomes(with_path)
    for label, results in (("without", without), ("with", with_ours)):
        failed = sum(1 for state in results.values() if state == "failed")
        print("%-7s the lotus addons: %d tests, %d failed"
              % (label, len(results), failed))
    only_with = sorted(test for test, state in with_ours.items()
                       if state == "failed" and without.get(test) != "failed")
    only_without = sorted(test for test, state in without.items()
                          if state == "failed"
                          and with_ours.get(test) != "failed")
    print("fail only WITH the lotus addons: %d" % len(only_with))
    for test in only_with:
        print("  " + _short(test))
    if only_without:
        print("fail only without the lotus addons: %d" % len(only_without))
        for test in only_without:
            print("  " + _short(test))
    return 1 if only_with else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
