#!/usr/bin/env python3
"""What a wasm file's download is made of, by crate, in brotli bytes (issue #12's size aims).

    python3 scripts/size/wasm_by_crate.py FILE.wasm [TOP]

FILE.wasm must still have its function-name section (the build before wasm-bindgen strips
it, e.g. target/wasm32-unknown-unknown/wasm-release/app.wasm). Each function body is filed
under the crate its demangled name starts in: generic code counts where it is defined, so
`core::ptr::drop_in_place::<app::Page>` counts as `core`. Each crate's bodies are then
compressed together with `brotli -q 11` (Debian's brotli, as the bench measures dist/).
Compressing a part alone loses what it shares with the rest, so the parts add up to more
than the whole; read a figure as "at least this much of the download is this crate's", and
the group lines as the floor for what the group needs on its own.
"""
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from strip_names import leb  # noqa: E402  (the same LEB128 reader)

# Leptos's rendering and reactive crates: what a Leptos page needs whatever it shows.
LEPTOS = {"tachys", "reactive_graph", "leptos", "leptos_router", "leptos_dom", "either_of", "next_tuple",
          "throw_error", "any_spawner", "or_poisoned", "oco_ref", "guardian", "leptos_router_macro"}


def brotli(raw):
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=raw, capture_output=True, check=True).stdout)


def demangle(name):
    """Legacy Rust mangling (`_ZN…E`) to a `a::b::<c>` path; other names are returned as-is."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j:j + n])
        i = j + n
    path = "::".join(parts)
    for code, ch in [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","),
                     ("$BP$", "*"), ("$u7b$", "{"), ("$u7d$", "}"), ("..", "::")]:
        path = path.replace(code, ch)
    return path


def sections(data):
    i, out = 8, []
    while i < len(data):
        sid = data[i]
        size, body = leb(data, i + 1)
        out.append((sid, body, body + size))
        i = body + size
    return out


def imported_functions(data, secs):
    count = 0
    for sid, b, _ in secs:
        if sid != 2:
            continue
        n, j = leb(data, b)
        for _ in range(n):
            for _ in range(2):  # module and field names
                length, j = leb(data, j)
                j += length
            kind = data[j]
            j += 1
            if kind == 0:  # function: type index
                _, j = leb(data, j)
                count += 1
            elif kind in (1, 2):  # table (element type + limits) or memory (limits)
                if kind == 1:
                    j += 1
                flags = data[j]
                j += 1
                _, j = leb(data, j)
                if flags & 1:
                    _, j = leb(data, j)
            elif kind == 3:  # global: value type, mutability
                j += 2
    return count


def function_names(data, secs):
    names = {}
    for sid, b, e in secs:
        if sid != 0:
            continue
        n, j = leb(data, b)
        if data[j:j + n] != b"name":
            continue
        j += n
        while j < e:
            sub = data[j]
            size, k = leb(data, j + 1)
            end = k + size
            if sub == 1:
                count, k = leb(data, k)
                for _ in range(count):
                    idx, k = leb(data, k)
                    length, k = leb(data, k)
                    names[idx] = data[k:k + length].decode("utf-8", "replace")
                    k += length
            j = end
    return names


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    data = open(path, "rb").read()
    secs = sections(data)
    first = imported_functions(data, secs)
    names = function_names(data, secs)
    if not names:
        sys.exit(f"{path} has no function names: pass the wasm before wasm-bindgen strips them")
    crate = re.compile(r"(?:^|[<\s(&])_?([a-z_][a-z0-9_]+)(?:\[[0-9a-f]+\])?::")
    groups = collections.defaultdict(list)
    code = []
    for sid, b, _ in secs:
        if sid != 10:
            continue
        n, j = leb(data, b)
        for f in range(n):
            size, k = leb(data, j)
            body = data[k:k + size]
            code.append(body)
            m = crate.search(demangle(names.get(first + f, "")))
            groups[m.group(1) if m else "other"].append(body)
            j = k + size
    datasec = b"".join(data[b:e] for sid, b, e in secs if sid == 11)
    print(f"{path}: code {sum(map(len, code)) // 1024} KB raw, {brotli(b''.join(code)) // 1024} KB brotli; "
          f"data {len(datasec) // 1024} KB raw, {brotli(datasec) // 1024} KB brotli")
    rows = sorted(((sum(map(len, v)), k, v) for k, v in groups.items()), reverse=True)[:top]
    for raw, k, v in rows:
        print(f"  {k:<22} {raw // 1024:>6} KB raw {brotli(b''.join(v)) // 1024:>5} KB brotli")
    leptos = b"".join(b"".join(v) for k, v in groups.items() if k in LEPTOS)
    app = b"".join(groups.get("app", []))
    print(f"  Leptos's rendering and reactive crates together: {brotli(leptos) // 1024} KB brotli")
    print(f"  ... and the app's own code with them: {brotli(leptos + app) // 1024} KB brotli")


main()
