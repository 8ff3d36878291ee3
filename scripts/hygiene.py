#!/usr/bin/env python3
"""Issue 22's hygiene figures, measured from the source tree (run from anywhere):
undocumented public declarations per module, lines over 100 columns, force-unwraps in Sources
(and how many say why they cannot fail), modules importing libc, AppState's stored fields,
Reducer.apply's length and its pane-kind checks. Prints one figure a line."""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def swift_files(top):
    for d, _, files in os.walk(os.path.join(ROOT, top)):
        for f in sorted(files):
            if f.endswith(".swift"):
                yield os.path.join(d, f)


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


DECL = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:(?:static|final|override|mutating|nonisolated|indirect|convenience|required)\s+)*(?:func|var|let|struct|enum|class|protocol|init|typealias|subscript|case|actor|extension)\b")


def undocumented(module):
    total = missing = 0
    for path in swift_files(os.path.join("Sources", module)):
        ls = lines(path)
        for i, l in enumerate(ls):
            if not DECL.match(l) or re.match(r"^\s*public\s+extension\b", l):
                continue
            total += 1
            j = i - 1
            while j >= 0 and re.match(r"^\s*@", ls[j]):
                j -= 1
            if j < 0 or not re.match(r"^\s*(///|\*/|/\*\*)", ls[j]):
                missing += 1
    return missing, total


def main():
    for module in ["STPTerminal", "STPReport", "STPModel"]:
        m, t = undocumented(module)
        print(f"undocumented public declarations, {module}: {m} of {t}")
    for top in ["Sources", "Tests"]:
        n = sum(1 for p in swift_files(top) for l in lines(p) if len(l) > 100)
        print(f"lines over 100 columns, {top}: {n}")
    unwrap = re.compile(r"[\w\)\]]!(?:[.),\] \[]|$)")
    count = explained = 0
    for p in swift_files("Sources"):
        ls = lines(p)
        for i, l in enumerate(ls):
            code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', l.split("//")[0])
            if code.lstrip().startswith("///"):
                continue
            for _ in unwrap.finditer(code.replace("!=", "  ")):
                count += 1
                if i > 0 and "//" in ls[i - 1] and "!" in ls[i - 1]:
                    explained += 1
    print(f"force-unwraps in Sources: {count} ({explained} with a comment saying why)")
    for what, pattern in [
        ("libc", r"^\s*(@_exported\s+)?import (Glibc|Darwin|Musl)\b"),
        ("STPPlatform", r"^\s*import STPPlatform\b"),
    ]:
        per_module = {}
        for p in swift_files("Sources"):
            if any(re.match(pattern, l) for l in lines(p)):
                module = os.path.relpath(p, os.path.join(ROOT, "Sources")).split(os.sep)[0]
                per_module[module] = per_module.get(module, 0) + 1
        print(f"files importing {what}: {sum(per_module.values())} in {len(per_module)} modules")
    state = os.path.join(ROOT, "Sources/STPTerminal/State/AppState.swift")
    if os.path.exists(state):
        depth, fields, inside = 0, 0, False
        for l in lines(state):
            if not inside and re.match(r"^public struct AppState\b", l):
                inside, depth = True, 0
            if inside:
                stored = re.match(r"^\s*(public\s+)?(private\(set\)\s+)?(var|let)\s+\w+\s*[:=]", l)
                if depth == 1 and stored and "{" not in l:
                    fields += 1
                depth += l.count("{") - l.count("}")
                if depth == 0 and "}" in l:
                    break
        print(f"AppState stored fields: {fields}")
    reducer = os.path.join(ROOT, "Sources/STPTerminal/State/Reducer.swift")
    if os.path.exists(reducer):
        ls = lines(reducer)
        text = "\n".join(ls)
        checks = len(re.findall(r"== \.detail|isList\(|isTopLevel|pane == \.", text))
        print(f"pane-kind checks in Reducer.swift: {checks}")
        for i, l in enumerate(ls):
            m = re.match(r"^\s*(public\s+|private\s+)?(static\s+)?func (apply\w*)\(", l)
            if not m:
                continue
            depth, j = 0, i
            while True:
                depth += ls[j].count("{") - ls[j].count("}")
                if depth == 0 and "{" in "".join(ls[i:j + 1]):
                    break
                j += 1
            print(f"Reducer {m.group(3)}: {j - i + 1} lines")

main()
